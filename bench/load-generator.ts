import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SignedRequest } from './signed-request.ts';
import { Samples } from './stats.ts';

export interface ClosedLoopOptions {
  port: number;
  path: string;
  concurrency: number;
  warmupMs: number;
  windowMs: number;
  /** Called for every request; must be cheap (see UniqueBodySigner). */
  nextRequest(): SignedRequest;
  /** Read response bodies and count the non-empty ones (off: bodies are discarded unread). */
  inspectBodies?: boolean;
}

export interface ClosedLoopResult {
  /** Responses that completed inside the measured window. */
  completed: number;
  windowSeconds: number;
  /** Latency of each of those responses, ms. */
  latenciesMs: Float64Array;
  /** Every response, warm-up included, by HTTP status. */
  statuses: Map<number, number>;
  /** Requests that got no response (socket errors). */
  errors: number;
  firstError: string | null;
  /** With inspectBodies: responses (warm-up included) whose body was not empty, and the first. */
  nonEmptyBodies: number;
  firstNonEmptyBody: string | null;
}

/**
 * `concurrency` clients, each sending its next request as soon as the previous one is answered
 * (a closed loop), over keep-alive connections on loopback. Load runs for warm-up plus window;
 * only responses that complete inside the window count.
 */
export async function runClosedLoop(opts: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies = new Samples();
  const statuses = new Map<number, number>();
  let errors = 0;
  let firstError: string | null = null;
  let completed = 0;
  let nonEmptyBodies = 0;
  let firstNonEmptyBody: string | null = null;

  const started = performance.now();
  const windowStart = started + opts.warmupMs;
  const windowEnd = windowStart + opts.windowMs;

  const send = () =>
    new Promise<void>((resolve) => {
      const { headers, body } = opts.nextRequest();
      const sentAt = performance.now();
      const req = http.request(
        { agent, host: '127.0.0.1', port: opts.port, path: opts.path, method: 'POST', headers },
        (res) => {
          const body: Buffer[] = [];
          if (opts.inspectBodies) res.on('data', (chunk: Buffer) => body.push(chunk));
          res.on('end', () => {
            const doneAt = performance.now();
            if (body.length) {
              nonEmptyBodies++;
              firstNonEmptyBody ??= `HTTP ${res.statusCode}: ${Buffer.concat(body).toString('utf8', 0, 500)}`;
            }
            const status = res.statusCode ?? 0;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (doneAt >= windowStart && doneAt <= windowEnd) {
              completed++;
              latencies.push(doneAt - sentAt);
            }
            resolve();
          });
          if (!opts.inspectBodies) res.resume();
        },
      );
      req.on('error', (error) => {
        errors++;
        firstError ??= error.message;
        resolve();
      });
      req.end(body);
    });

  const client = async () => {
    while (performance.now() < windowEnd) await send();
  };
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  agent.destroy();
  return {
    completed,
    windowSeconds: opts.windowMs / 1000,
    latenciesMs: latencies.values(),
    statuses,
    errors,
    firstError,
    nonEmptyBodies,
    firstNonEmptyBody,
  };
}
