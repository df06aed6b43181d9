import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { drawChart } from './draw-chart.ts';

export interface ChartJob {
  id: number;
  spec: TopLevelSpec;
  size: { width: number; height: number };
}

export type ChartResult =
  | { id: number; ok: true; png: Uint8Array; width: number; height: number }
  | { id: number; ok: false; message: string };

/** The chart worker's thread: draws one chart at a time, as the bot's thread asks. */
const port = parentPort;
if (!port) throw new Error('chart-worker.ts runs as a worker thread, started by render-chart.ts');
port.on('message', async (job: ChartJob) => {
  let result: ChartResult;
  try {
    const image = await drawChart(job.spec, job.size);
    result = { id: job.id, ok: true, png: image.png, width: image.width, height: image.height };
  } catch (error) {
    result = { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(result);
});
