import { randomUUID } from 'node:crypto';
import { drawCharts, fileUploads } from '../charts/chart-files.ts';
import type { UseCaseContext } from '../context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { ForecastAnswer } from './demand-forecast.ts';
import { forecastChart } from './forecast-chart.ts';

/**
 * Draws one series' forecast chart and shares it in the person's DM through the outbox, as the
 * report shares its charts. A catalogue-wide answer or one without a forecast has no chart.
 */
export async function shareForecastChart(
  ctx: UseCaseContext,
  userId: string,
  answer: ForecastAnswer,
): Promise<boolean> {
  const plan = answer.kind === 'one' ? forecastChart(answer) : null;
  if (!plan) return false;
  const files = await drawCharts([plan]);
  const comment = `Forecast chart: ${plan.title}`;
  await enqueue(
    ctx.db,
    ctx.clock.now(),
    fileUploads(files, { run: `forecast:${randomUUID()}`, channel: userId, comment }),
  );
  return true;
}
