import type { TopLevelSpec } from 'vega-lite';
import type { OutboxEntry } from '../outbox/enqueue.ts';
import { renderChart } from './render-chart.ts';

/** A chart to draw: its vega-lite spec and what the file is called in Slack. */
export interface ChartPlan {
  filename: string;
  title: string;
  spec: TopLevelSpec;
}

/** Every chart the bot shares has this size: wide enough to read on a laptop, small enough for a phone. */
export const chartSize = { width: 800, height: 400 } as const;

/** A file to share: a chart's PNG, a report's CSV. */
export interface SharedFile {
  filename: string;
  title: string;
  bytes: Buffer;
}

/** The charts drawn one after another on the chart worker, in the order planned. */
export async function drawCharts(plans: readonly ChartPlan[]): Promise<SharedFile[]> {
  const files: SharedFile[] = [];
  for (const plan of plans) {
    const image = await renderChart(plan.spec, chartSize);
    files.push({ filename: plan.filename, title: plan.title, bytes: image.png });
  }
  return files;
}

/**
 * The outbox rows that share files in a channel (a DM when it is a user id), the first with the
 * comment that says what they are; keyed by `run`, so the same run enqueued twice shares once.
 */
export function fileUploads(
  files: readonly SharedFile[],
  to: { run: string; channel: string; comment: string },
): OutboxEntry[] {
  return files.map((file, i) => ({
    key: `${to.run}:${file.filename}`,
    channel: to.channel,
    effect: {
      kind: 'file_upload',
      v: 1,
      filename: file.filename,
      title: file.title,
      contentBase64: file.bytes.toString('base64'),
      ...(i === 0 ? { initialComment: to.comment } : {}),
    },
  }));
}
