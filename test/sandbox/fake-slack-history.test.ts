import { WebAPIRequestError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { aliceInOrders, refusal, webClientFor } from './support.ts';

const world = aliceInOrders();

const tagged = (n: number) => ({ event_type: 'orderdesk_effect', event_payload: { outbox_id: n } });

describe('conversations.history and conversations.replies', () => {
  it('lists a channel newest first, without thread replies, and shows metadata only when asked for all of it', async () => {
    const web = webClientFor(world.slack);
    const card = await web.chat.postMessage({ channel: 'C1', text: 'card', metadata: tagged(1) });
    world.clock.advance(1000);
    await web.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: card.ts, metadata: tagged(2) });
    await web.chat.postMessage({ channel: 'C1', text: 'alert', metadata: tagged(3) });

    const plain = await web.conversations.history({ channel: 'C1' });
    expect(plain.messages?.map((m) => m.text)).toEqual(['alert', 'card']);
    expect(plain.messages?.some((m) => 'metadata' in m)).toBe(false);

    const all = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(all.messages?.map((m) => m.metadata)).toEqual([tagged(3), tagged(1)]);

    const thread = await web.conversations.replies({
      channel: 'C1',
      ts: card.ts ?? '',
      include_all_metadata: true,
    });
    expect(thread.messages?.map((m) => [m.text, m.metadata])).toEqual([
      ['card', tagged(1)],
      ['reply', tagged(2)],
    ]);
  });

  it('keeps to oldest (exclusive) and pages with a cursor and has_more', async () => {
    const web = webClientFor(world.slack);
    for (let i = 0; i < 5; i++) {
      await web.chat.postMessage({ channel: 'C1', text: `m${i}` });
      world.clock.advance(1000);
    }
    const oldest = String(new Date('2026-11-27T09:00:01Z').getTime() / 1000);
    const first = await web.conversations.history({ channel: 'C1', oldest, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['m4', 'm3']);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor ?? '';
    const second = await web.conversations.history({ channel: 'C1', oldest, limit: 2, cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(['m2']);
    expect(second.has_more).toBe(false);
  });

  it('needs the history scope of the conversation type, and the bot in the channel', async () => {
    world.slack.addChannel({ id: 'C2', name: 'elsewhere' });
    expect(await refusal(webClientFor(world.slack).conversations.history({ channel: 'C2' }))).toMatchObject({
      error: 'not_in_channel',
    });
    await world.slack.stop();
    world.slack = await startFakeSlack({
      clock: world.clock,
      scopes: ['chat:write', 'im:write', 'channels:history'],
    });
    world.slack.addUser({ id: 'U1', name: 'alice' });
    const web = webClientFor(world.slack);
    const dm = await web.conversations.open({ users: 'U1' });
    expect(await refusal(web.conversations.history({ channel: dm.channel?.id ?? '' }))).toMatchObject({
      error: 'missing_scope',
      needed: 'im:history',
    });
  });
});

describe('a lost response', () => {
  it('stores the message and then resets the connection: the caller sees a network error', async () => {
    world.slack.failNext('chat.postMessage', { lostResponse: true });
    const web = webClientFor(world.slack);

    const error = await web.chat.postMessage({ channel: 'C1', text: 'got through' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(world.slack.messages('C1').map((m) => m.text)).toEqual(['got through']);
    expect(world.slack.faults.given.lostResponse).toBe(1);
    await expect(web.chat.postMessage({ channel: 'C1', text: 'next' })).resolves.toMatchObject({ ok: true });
  });

  it('a storm fails about the share of calls it is given, at random but repeatably', async () => {
    const random = seededRandom(7);
    world.slack.storm({ methods: ['chat.postMessage'], rate: 0.25, faults: [{ status: 500 }], random });
    const web = webClientFor(world.slack);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => web.chat.postMessage({ channel: 'C1', text: `m${i}` })),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBe(world.slack.faults.given.serverError);
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(70);
    world.slack.calm();
    await expect(web.chat.postMessage({ channel: 'C1', text: 'after' })).resolves.toMatchObject({ ok: true });
  });
});
