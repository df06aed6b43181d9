import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.ts';
import type { Db, PoolUse } from '../db/client.ts';
import { slackErrorCode } from '../outbox/classify-error.ts';
import type { RequestRecord } from '../slack/observe-request.ts';
import { outboxBacklog } from './outbox-backlog.ts';

export interface Metrics {
  readonly registry: Registry;
  request(record: RequestRecord): void;
  slackApiError(method: string, error: unknown): void;
}

/**
 * orderdesk's Prometheus metrics, in a registry of this instance's own (never prom-client's
 * global one), so several bots in one process, as in tests, keep their counts apart.
 */
export function createMetrics(deps: { db: Db; clock: Clock; poolUse: () => Promise<PoolUse> }): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'orderdesk_slack_requests_total',
    help: 'Slack requests handled, by kind (command, action, view, options, shortcut, event) and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const ackSeconds = new Histogram({
    name: 'orderdesk_slack_ack_seconds',
    help: 'Time from a request reaching the bot to its ack; Slack gives up after 3 s.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: 'orderdesk_slack_api_errors_total',
    help: 'Failed Slack Web API calls of the outbox dispatcher, by method and error code.',
    labelNames: ['method', 'code'] as const,
    registers: [registry],
  });
  // A scrape collects both gauges at once: they share the one query in flight.
  const readBacklog = oneInFlight(() => outboxBacklog(deps.db, deps.clock.now()));
  new Gauge({
    name: 'orderdesk_outbox_pending',
    help: 'Outbox rows not yet sent to Slack.',
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).pending);
    },
  });
  new Gauge({
    name: 'orderdesk_outbox_oldest_pending_seconds',
    help: 'Age of the oldest outbox row not yet sent; 0 when none waits.',
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).oldestAgeSeconds);
    },
  });
  const readPool = oneInFlight(() => deps.poolUse());
  new Gauge({
    name: 'orderdesk_db_pool_max',
    help: 'Database connections this instance may open.',
    registers: [registry],
    async collect() {
      this.set((await readPool()).max);
    },
  });
  new Gauge({
    name: 'orderdesk_db_connections',
    help: "This instance's open database connections, by state: busy runs a statement, idle waits.",
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const use = await readPool();
      this.set({ state: 'busy' }, use.busy);
      this.set({ state: 'idle' }, use.open - use.busy);
    },
  });
  return {
    registry,
    request(record) {
      requests.inc({ kind: record.kind, outcome: record.outcome });
      // Bolt acks events before any handler runs; their latency is handling time, not an ack.
      if (record.outcome === 'acked' && record.kind !== 'event') {
        ackSeconds.observe({ kind: record.kind }, record.latencyMs / 1000);
      }
    },
    slackApiError(method, error) {
      apiErrors.inc({ method, code: slackErrorCode(error) });
    },
  };
}

/** Callers that ask while a read is under way share its answer instead of starting another. */
function oneInFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= read().finally(() => {
      pending = null;
    });
    return pending;
  };
}
