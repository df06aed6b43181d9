import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describeRequest, type RequestSummary } from './describe-request.ts';

export interface RequestRecord extends RequestSummary {
  requestId: string;
  /** Until ack() for what Slack waits on; until the handler finished for events (Bolt acked them). */
  latencyMs: number;
  /** `unacked`: the handler returned without ack(), so Slack sees a timeout. */
  outcome: 'acked' | 'error' | 'unacked';
}

export type RequestObserver = (record: RequestRecord) => void;

/**
 * Runs `handle` for one request and reports it once to `observe`: its kind and id, who sent it,
 * how long Slack waited, and how it ended. The handler gets an ack() that notes when it ran.
 */
export async function observeRequest<A extends { body: unknown }>(
  args: A,
  observe: RequestObserver,
  handle: (args: A) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const original =
    'ack' in args && typeof args.ack === 'function' ? (args.ack as (...a: unknown[]) => unknown) : null;
  let ackedAt: number | null = original ? null : started;
  const observed = original
    ? {
        ...args,
        ack: (...a: unknown[]) => {
          ackedAt ??= performance.now();
          return original(...a);
        },
      }
    : args;
  const report = (outcome: RequestRecord['outcome']) => {
    const ended = original && ackedAt !== null ? ackedAt : performance.now();
    observe({
      ...describeRequest(args.body),
      requestId: randomUUID(),
      latencyMs: Math.round((ended - started) * 10) / 10,
      outcome,
    });
  };
  try {
    await handle(observed);
  } catch (error) {
    report('error');
    throw error;
  }
  report(ackedAt === null ? 'unacked' : 'acked');
}
