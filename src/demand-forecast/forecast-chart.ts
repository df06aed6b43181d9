import type { ChartPlan } from '../charts/chart-files.ts';
import { addWeeks } from '../forecast/weekly-series.ts';
import type { ForecastAnswer } from './demand-forecast.ts';

/**
 * One series' forecast as a chart: the recent weeks ordered, then the forecast with its 80 %
 * interval as a band. Null when there is no forecast to draw (too little history says so in words).
 */
export function forecastChart(answer: Extract<ForecastAnswer, { kind: 'one' }>): ChartPlan | null {
  const { label, outcome } = answer.forecast;
  if (!outcome.ok) return null;
  const ordered = answer.recent.map((w) => ({ week: w.week, quantity: w.quantity, series: 'ordered' }));
  const forecast = outcome.forecast.weeks.map((w, k) => ({
    week: addWeeks(answer.firstWeek, k),
    quantity: w.mean,
    low: w.low,
    high: w.high,
    series: 'forecast',
  }));
  const title = `Demand forecast, ${label}, by ${outcome.forecast.method} (80 % interval)`;
  return {
    filename: 'forecast.png',
    title,
    spec: {
      title,
      data: { values: [...ordered, ...forecast] },
      encoding: { x: { field: 'week', type: 'temporal', title: 'week starting' } },
      layer: [
        {
          transform: [{ filter: "datum.series === 'forecast'" }],
          mark: { type: 'area', color: '#f58518', opacity: 0.25 },
          encoding: {
            y: { field: 'low', type: 'quantitative', title: 'quantity a week' },
            y2: { field: 'high' },
          },
        },
        {
          mark: { type: 'line', point: true },
          encoding: {
            y: { field: 'quantity', type: 'quantitative' },
            color: {
              field: 'series',
              type: 'nominal',
              scale: { domain: ['ordered', 'forecast'], range: ['#4c78a8', '#f58518'] },
              title: null,
            },
            strokeDash: {
              field: 'series',
              type: 'nominal',
              scale: {
                domain: ['ordered', 'forecast'],
                range: [
                  [1, 0],
                  [6, 3],
                ],
              },
              legend: null,
            },
          },
        },
      ],
    },
  };
}
