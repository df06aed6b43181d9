import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartJob, ChartResult } from './chart-worker.ts';
import type { ChartImage } from './draw-chart.ts';

export type { ChartImage } from './draw-chart.ts';

interface Pending {
  resolve: (image: ChartImage) => void;
  reject: (error: Error) => void;
}

/**
 * Drawing a chart takes a few hundred milliseconds of CPU; on the bot's thread that would hold
 * every ack queued behind it. So charts are drawn by one worker thread, started at the first
 * chart and kept for the next ones; renders queue in its inbox one after another.
 */
let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

/** A vega-lite spec in, a PNG of exactly `width` × `height` pixels out, drawn off the bot's thread. */
export function renderChart(
  spec: TopLevelSpec,
  size: { width: number; height: number },
): Promise<ChartImage> {
  const id = nextId++;
  const job: ChartJob = { id, spec, size };
  return new Promise<ChartImage>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const running = chartWorker();
    // The process waits for the charts it asked for, but an idle worker never keeps it alive.
    running.ref();
    running.postMessage(job);
  });
}

/** Ends the worker (at shutdown); a later chart starts a new one. */
export async function stopChartRenderer(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}

function chartWorker(): Worker {
  if (worker) return worker;
  const started = startWorker();
  started.on('message', (result: ChartResult) => {
    const waiting = pending.get(result.id);
    if (!waiting) return;
    pending.delete(result.id);
    if (pending.size === 0) started.unref();
    if (result.ok)
      waiting.resolve({ png: Buffer.from(result.png), width: result.width, height: result.height });
    else waiting.reject(new Error(`the chart could not be drawn: ${result.message}`));
  });
  // A worker that died takes its charts with it; the next chart starts another.
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(error);
    }
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the chart worker stopped (exit code ${code})`)));
  worker = started;
  return started;
}

/**
 * The worker's module: under tsx (development, tests) the TypeScript source, loaded through
 * tsx's loader registered inside the worker; in the build, the bundle's own chart-worker.js
 * (beside main.js, one folder up from a chunk).
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const source = new URL('./chart-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); })`;
    return new Worker(boot, { eval: true });
  }
  const built = ['./chart-worker.js', '../chart-worker.js']
    .map((name) => new URL(name, import.meta.url))
    .find((url) => existsSync(fileURLToPath(url)));
  if (!built) throw new Error('chart-worker.js is missing beside the build: run `npm run build` again');
  return new Worker(built);
}
