import { describe, expect, it } from 'vitest';
import { describeRequest } from '../../src/slack/describe-request.ts';
import { observeRequest, type RequestRecord } from '../../src/slack/observe-request.ts';

const action = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'step.accept' }] };

async function observe(
  args: { body: unknown; ack?: () => Promise<void> },
  handle: (a: typeof args) => Promise<void>,
) {
  const records: RequestRecord[] = [];
  const run = observeRequest(args, (r) => records.push(r), handle);
  return { run, records };
}

describe('what a request is, read from its payload', () => {
  it.each([
    [
      { command: '/order', user_id: 'U1' },
      { kind: 'command', id: '/order', user: 'U1' },
    ],
    [action, { kind: 'action', id: 'step.accept', user: 'U1' }],
    [
      { type: 'view_submission', user: { id: 'U1' }, view: { callback_id: 'order_new' } },
      { kind: 'view', id: 'order_new', user: 'U1' },
    ],
    [
      { type: 'view_closed', user: { id: 'U1' }, view: { callback_id: 'order_new' } },
      { kind: 'view', id: 'order_new', user: 'U1' },
    ],
    [
      { type: 'block_suggestion', user: { id: 'U1' }, action_id: 'customer' },
      { kind: 'options', id: 'customer', user: 'U1' },
    ],
    [
      { type: 'shortcut', user: { id: 'U1' }, callback_id: 'new_order' },
      { kind: 'shortcut', id: 'new_order', user: 'U1' },
    ],
    [
      { type: 'event_callback', event: { type: 'app_home_opened', user: 'U1' } },
      { kind: 'event', id: 'app_home_opened', user: 'U1' },
    ],
  ])('%j', (body, summary) => {
    expect(describeRequest(body)).toEqual(summary);
  });

  it.each([
    null,
    'text',
    42,
    { type: 'block_actions', actions: 'nope', user: 7 },
    { type: 'event_callback', event: null },
  ])('a payload of the wrong shape (%j) is still described, never thrown on', (body) => {
    expect(describeRequest(body)).toMatchObject({ kind: expect.any(String), id: expect.any(String) });
  });
});

describe('observing a request', () => {
  it('reports it acked, with the time until ack() rather than until the handler finished', async () => {
    const { run, records } = await observe({ body: action, ack: async () => {} }, async (args) => {
      await args.ack?.();
      await new Promise((r) => setTimeout(r, 50));
    });
    await run;
    expect(records).toEqual([
      expect.objectContaining({ kind: 'action', id: 'step.accept', user: 'U1', outcome: 'acked' }),
    ]);
    expect(records[0]?.latencyMs).toBeLessThan(40);
  });

  it('a handler that throws is reported as error, and the error still reaches Bolt', async () => {
    const { run, records } = await observe({ body: action, ack: async () => {} }, async () => {
      throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(records.map((r) => r.outcome)).toEqual(['error']);
  });

  it('a handler that returns without ack() is reported as unacked: Slack will show a timeout', async () => {
    const { run, records } = await observe({ body: action, ack: async () => {} }, async () => {});
    await run;
    expect(records.map((r) => r.outcome)).toEqual(['unacked']);
  });

  it('an event, which Bolt acknowledged before any handler, is acked once handled', async () => {
    const { run, records } = await observe(
      { body: { type: 'event_callback', event: { type: 'app_home_opened', user: 'U2' } } },
      async () => {},
    );
    await run;
    expect(records).toEqual([expect.objectContaining({ kind: 'event', user: 'U2', outcome: 'acked' })]);
  });
});
