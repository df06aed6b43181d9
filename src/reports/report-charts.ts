import type { ChartPlan } from '../charts/chart-files.ts';
import type { ReportFigures } from './report-figures.ts';

/** The charts a report's figures can fill; one without data is left out rather than drawn empty. */
export function reportCharts(figures: ReportFigures, label: string): ChartPlan[] {
  const charts: ChartPlan[] = [];
  if (figures.weeks.length > 0) charts.push(ordersPerWeek(figures, label));
  if (figures.stages.length > 0) charts.push(timePerStage(figures, label));
  if (figures.weeks.some((w) => w.delivered > 0)) charts.push(onTimeTrend(figures, label));
  return charts;
}

function ordersPerWeek(figures: ReportFigures, label: string): ChartPlan {
  const values = figures.weeks.map((w) => ({ week: w.week, orders: w.orders, value: w.valueCents / 100 }));
  return {
    filename: 'orders-per-week.png',
    title: `Orders and value per week, ${label}`,
    spec: {
      title: `Orders and value per week, ${label}`,
      data: { values },
      encoding: { x: { field: 'week', type: 'ordinal', title: 'week starting' } },
      layer: [
        {
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: { y: { field: 'orders', type: 'quantitative' } },
        },
        {
          mark: { type: 'line', color: '#f58518', point: true },
          encoding: { y: { field: 'value', type: 'quantitative', title: 'value' } },
        },
      ],
      resolve: { scale: { y: 'independent' } },
    },
  };
}

function timePerStage(figures: ReportFigures, label: string): ChartPlan {
  const values = figures.stages.map((s) => ({
    stage: s.department,
    hours: (s.stats.p50 ?? 0) / 3600,
    bottleneck: s.department === figures.bottleneck ? 'bottleneck' : 'other',
  }));
  return {
    filename: 'time-per-stage.png',
    title: `Median time per stage, ${label}`,
    spec: {
      title: `Median time per stage (hours), ${label}`,
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'stage', type: 'nominal', sort: '-x', title: null },
        x: { field: 'hours', type: 'quantitative', title: 'hours (median)' },
        color: {
          field: 'bottleneck',
          type: 'nominal',
          scale: { domain: ['bottleneck', 'other'], range: ['#e45756', '#4c78a8'] },
          legend: null,
        },
      },
    },
  };
}

function onTimeTrend(figures: ReportFigures, label: string): ChartPlan {
  const values = figures.weeks
    .filter((w) => w.delivered > 0)
    .map((w) => ({ week: w.week, onTime: (100 * w.onTime) / w.delivered }));
  return {
    filename: 'on-time-trend.png',
    title: `On time in full per week, ${label}`,
    spec: {
      title: `On time in full (%) by week received, ${label}`,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'week', type: 'ordinal', title: 'week starting' },
        y: { field: 'onTime', type: 'quantitative', title: '% on time', scale: { domain: [0, 100] } },
      },
    },
  };
}
