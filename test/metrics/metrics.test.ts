import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, textMessage } from '../../src/outbox/enqueue.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

const metricsToken = 'metrics-token-0123456789';

function scrape(flow: Flow, authorization?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${flow.desk.port}/metrics`, {
    headers: authorization ? { authorization } : {},
  });
}

async function series(flow: Flow): Promise<string> {
  const res = await scrape(flow, `Bearer ${metricsToken}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series in Prometheus' text format; 0 when it has not appeared yet. */
function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]?.split(',') ?? [];
    if (wanted.every((l) => have.includes(l))) return Number(match[3]);
  }
  return 0;
}

describe('/metrics with METRICS_TOKEN set', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ env: { METRICS_TOKEN: metricsToken } });
  });
  afterAll(() => flow.stop());

  it('without the token, or with another, it answers 401 and shows nothing', async () => {
    for (const authorization of [undefined, 'Bearer not-the-token-at-all', metricsToken]) {
      const res = await scrape(flow, authorization);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
  });

  it('counts acks by kind and times them in a histogram', async () => {
    const before = await series(flow);
    await flow.driver.command(people.dana, 'help');
    await flow.driver.command(people.dana, 'list');
    const after = await series(flow);

    const acked = { kind: 'command', outcome: 'acked' };
    expect(sampleOf(after, 'orderdesk_slack_requests_total', acked)).toBe(
      sampleOf(before, 'orderdesk_slack_requests_total', acked) + 2,
    );
    expect(sampleOf(after, 'orderdesk_slack_ack_seconds_count', { kind: 'command' })).toBe(
      sampleOf(before, 'orderdesk_slack_ack_seconds_count', { kind: 'command' }) + 2,
    );
    expect(
      sampleOf(after, 'orderdesk_slack_ack_seconds_bucket', { kind: 'command', le: '3' }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('shows the outbox backlog and the age of its oldest row, read when scraped', async () => {
    expect(sampleOf(await series(flow), 'orderdesk_outbox_pending')).toBe(0);
    flow.slack.addChannel({ id: 'C0METRICS', name: 'metrics', is_member: true });
    await enqueue(flow.database.db, flow.clock.now(), [
      textMessage('metrics-1', 'C0METRICS', 'one'),
      textMessage('metrics-2', 'C0METRICS', 'two'),
    ]);
    flow.clock.advance(90_000);

    const waiting = await series(flow);
    expect(sampleOf(waiting, 'orderdesk_outbox_pending')).toBe(2);
    expect(sampleOf(waiting, 'orderdesk_outbox_oldest_pending_seconds')).toBe(90);

    await flow.drainOutbox();
    const drained = await series(flow);
    expect(sampleOf(drained, 'orderdesk_outbox_pending')).toBe(0);
    expect(sampleOf(drained, 'orderdesk_outbox_oldest_pending_seconds')).toBe(0);
  });

  it('shows the database pool: how many connections it may open, and which are busy or idle', async () => {
    const text = await series(flow);
    const max = sampleOf(text, 'orderdesk_db_pool_max');
    const open = (t: string) =>
      sampleOf(t, 'orderdesk_db_connections', { state: 'busy' }) +
      sampleOf(t, 'orderdesk_db_connections', { state: 'idle' });
    expect(max).toBeGreaterThanOrEqual(1);
    expect(open(text)).toBeGreaterThanOrEqual(1);
    expect(open(text)).toBeLessThanOrEqual(max);
    if (flow.database.kind !== 'postgres') return;

    // A transaction left open holds its connection: the scrape sees it busy.
    await flow.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      const held = await series(flow);
      expect(sampleOf(held, 'orderdesk_db_connections', { state: 'busy' })).toBeGreaterThanOrEqual(1);
    });
  });

  it('counts Slack API errors of the outbox by method and code', async () => {
    flow.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    flow.slack.failNext('chat.postMessage', { status: 500 });
    await enqueue(flow.database.db, flow.clock.now(), [
      textMessage('metrics-gone', 'C0METRICS', 'refused'),
      textMessage('metrics-later', 'C0METRICS', 'retried'),
    ]);
    await flow.drainOutbox();
    flow.clock.advance(120_000);
    await flow.drainOutbox();

    const text = await series(flow);
    const errors = 'orderdesk_slack_api_errors_total';
    expect(sampleOf(text, errors, { method: 'chat.postMessage', code: 'channel_not_found' })).toBe(1);
    expect(sampleOf(text, errors, { method: 'chat.postMessage', code: 'http_error' })).toBe(1);
    expect(flow.slack.messages('C0METRICS').map((m) => m.text)).toContain('retried');
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow();
  });
  afterAll(() => flow.stop());

  it('a bot with Slack credentials does not serve it at all: 404', async () => {
    expect((await scrape(flow)).status).toBe(404);
    expect((await scrape(flow, `Bearer ${metricsToken}`)).status).toBe(404);
  });

  it('each bot counts in a registry of its own: requests to one never show in another', async () => {
    const own = async () =>
      (await flow.desk.metrics.registry.getSingleMetric('orderdesk_slack_requests_total')?.get())?.values ??
      [];
    const before = (await own()).reduce((sum, v) => sum + v.value, 0);
    await flow.driver.command(people.dana, 'help');
    expect((await own()).reduce((sum, v) => sum + v.value, 0)).toBe(before + 1);
  });
});
