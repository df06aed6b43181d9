import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { type FakeSlackChange, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { aliceInOrders, refusal, webClientFor } from './support.ts';

const world = aliceInOrders();

describe('request parsing and auth', () => {
  it('decodes the form body @slack/web-api sends, with JSON strings per non-scalar field', async () => {
    const blocks = [{ type: 'section', block_id: 's1', text: { type: 'mrkdwn', text: '*SO-1*' } }];
    const metadata = { event_type: 'order_card', event_payload: { order: 'SO-1' } };

    await webClientFor(world.slack).chat.postMessage({ channel: 'C1', text: 'SO-1', blocks, metadata });

    const [call] = world.slack.callsTo('chat.postMessage');
    expect(call?.args).toEqual({ channel: 'C1', text: 'SO-1', blocks, metadata });
    expect(world.slack.messages('C1')[0]).toMatchObject({
      text: 'SO-1',
      blocks,
      metadata,
      bot_id: world.slack.botId,
    });
  });

  it('takes a JSON body with the token in the Authorization header or in the body', async () => {
    const post = (headers: Record<string, string>, body: object) =>
      fetch(`${world.slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json());

    const viaHeader = await post(
      { authorization: `Bearer ${world.slack.botToken}` },
      { channel: 'C1', text: 'a' },
    );
    const viaBody = await post({}, { token: world.slack.botToken, channel: 'C1', text: 'b' });

    expect(viaHeader).toMatchObject({ ok: true, channel: 'C1' });
    expect(viaBody).toMatchObject({ ok: true, channel: 'C1' });
    expect(world.slack.callsTo('chat.postMessage')[1]?.args).toEqual({ channel: 'C1', text: 'b' });
  });

  it('answers not_authed without a token and invalid_auth with a wrong one', async () => {
    const anonymous = await fetch(`${world.slack.apiUrl}auth.test`, { method: 'POST' }).then((r) => r.json());
    expect(anonymous).toEqual({ ok: false, error: 'not_authed' });
    expect(await refusal(webClientFor(world.slack, 'xoxb-wrong').auth.test())).toMatchObject({
      error: 'invalid_auth',
    });
  });

  it('answers an unknown method with 404 unknown_method, like Slack', async () => {
    const res = await fetch(`${world.slack.apiUrl}chat.posMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.slack.botToken}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: 'unknown_method' });
  });

  it('answers auth.test as the installed bot', async () => {
    expect(await webClientFor(world.slack).auth.test()).toMatchObject({
      ok: true,
      team_id: 'T0ORDERDESK',
      user_id: world.slack.botUserId,
      bot_id: world.slack.botId,
    });
  });
});

describe('faults and rate limits', () => {
  it('serves a planned 429 as WebAPIRateLimitedError with retryAfter, then recovers', async () => {
    world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const web = webClientFor(world.slack);

    const error = await web.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(world.slack.stats.rateLimited).toBe(1);
    await expect(web.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('serves a planned 500 as WebAPIHTTPError', async () => {
    world.slack.failNext('users.info', { status: 500 });
    const error = await webClientFor(world.slack)
      .users.info({ user: 'U1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(500);
  });

  it('serves a planned platform error a given number of times, for one channel only', async () => {
    world.slack.addChannel({ id: 'C2', name: 'other', is_member: true });
    world.slack.failNext('chat.postMessage', { error: 'channel_not_found' }, { times: 2, channel: 'C1' });
    const web = webClientFor(world.slack);

    const first = await web.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    await expect(web.chat.postMessage({ channel: 'C2', text: 'x' })).resolves.toMatchObject({ ok: true });
    const second = await refusal(web.chat.postMessage({ channel: 'C1', text: 'x' }));
    await expect(web.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });

    expect(first).toBeInstanceOf(WebAPIPlatformError);
    expect((first as WebAPIPlatformError).data.error).toBe('channel_not_found');
    expect(second.error).toBe('channel_not_found');
  });

  it('limits chat.postMessage to one per second per channel when asked', async () => {
    world.slack.addChannel({ id: 'C2', name: 'other', is_member: true });
    world.slack.setChannelRateLimit(true);
    const web = webClientFor(world.slack);

    await web.chat.postMessage({ channel: 'C1', text: '1' });
    const error = await web.chat.postMessage({ channel: 'C1', text: '2' }).catch((e: unknown) => e);
    await web.chat.postMessage({ channel: 'C2', text: 'elsewhere' });
    world.clock.advance(1000);
    await web.chat.postMessage({ channel: 'C1', text: '3' });

    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(world.slack.stats.rateLimited).toBe(1);
    expect(world.slack.messages('C1').map((m) => m.text)).toEqual(['1', '3']);
  });
});

describe('chat.postMessage', () => {
  it('answers with channel, ts and the message, the ts taken from the clock and increasing', async () => {
    const web = webClientFor(world.slack);
    const a = await web.chat.postMessage({ channel: 'C1', text: 'one' });
    const b = await web.chat.postMessage({ channel: 'C1', text: 'two' });

    expect(a).toMatchObject({ ok: true, channel: 'C1', ts: '1795770000.000000', message: { text: 'one' } });
    expect(a.message).toMatchObject({
      type: 'message',
      user: world.slack.botUserId,
      bot_id: world.slack.botId,
      ts: a.ts,
    });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
  });

  it.each([
    ['a channel that does not exist', { channel: 'C404', text: 'x' }, 'channel_not_found'],
    ['a private channel without the bot', { channel: 'G1', text: 'x' }, 'not_in_channel'],
    ['an archived channel', { channel: 'C3', text: 'x' }, 'is_archived'],
    ['neither text nor blocks', { channel: 'C1' }, 'no_text'],
  ])('refuses %s', async (_name, args, error) => {
    world.slack.addChannel({ id: 'G1', name: 'finance', is_private: true });
    world.slack.addChannel({ id: 'C3', name: 'old', is_archived: true, is_member: true });
    expect(await refusal(webClientFor(world.slack).chat.postMessage(args as never))).toMatchObject({ error });
  });

  it('posts to a public channel without the bot only with chat:write.public', async () => {
    world.slack.addChannel({ id: 'C2', name: 'sales' });
    await expect(
      webClientFor(world.slack).chat.postMessage({ channel: 'C2', text: 'x' }),
    ).resolves.toMatchObject({
      ok: true,
    });

    const strict = await startFakeSlack({ clock: world.clock, scopes: ['chat:write'] });
    strict.addChannel({ id: 'C2', name: 'sales' });
    const refused = await refusal(webClientFor(strict).chat.postMessage({ channel: 'C2', text: 'x' }));
    await strict.stop();
    expect(refused.error).toBe('not_in_channel');
  });

  it('posts to a user id in the bot DM with that user', async () => {
    const res = await webClientFor(world.slack).chat.postMessage({ channel: 'U1', text: 'hi' });
    expect(res.channel).toMatch(/^D/);
    expect(world.slack.workspace.channel(String(res.channel))?.members).toEqual([
      'U1',
      world.slack.botUserId,
    ]);
  });

  it('answers invalid_blocks with the errors Slack gives', async () => {
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }];
    const refused = await refusal(
      webClientFor(world.slack).chat.postMessage({ channel: 'C1', text: 'x', blocks }),
    );
    expect(refused).toMatchObject({
      error: 'invalid_blocks',
      errors: ['must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    });
  });

  it('answers msg_blocks_too_long when the summed block text passes 12,000 characters', async () => {
    const section = (n: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(n) } });
    const web = webClientFor(world.slack);
    await expect(
      web.chat.postMessage({ channel: 'C1', text: 'x', blocks: [...Array(4)].map(() => section(3000)) }),
    ).resolves.toMatchObject({ ok: true });
    const refused = await refusal(
      web.chat.postMessage({ channel: 'C1', text: 'x', blocks: [...Array(5)].map(() => section(2500)) }),
    );
    expect(refused.error).toBe('msg_blocks_too_long');
  });

  it('cuts text over 40,000 characters and warns message_truncated', async () => {
    const res = await webClientFor(world.slack).chat.postMessage({ channel: 'C1', text: 'y'.repeat(40_001) });
    expect(res.warning).toBe('message_truncated');
    expect(world.slack.messages('C1')[0]?.text).toHaveLength(40_000);
  });

  it('counts thread replies on the parent and accepts a thread_ts that matches nothing', async () => {
    const web = webClientFor(world.slack);
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'card' });
    await web.chat.postMessage({ channel: 'C1', text: 'update 1', thread_ts: parent.ts });
    world.slack.postAsUser('U1', 'C1', 'thanks', { thread_ts: parent.ts });
    await expect(
      web.chat.postMessage({ channel: 'C1', text: 'lost', thread_ts: '1.000001' }),
    ).resolves.toMatchObject({ ok: true });

    expect(world.slack.workspace.message('C1', String(parent.ts))).toMatchObject({
      reply_count: 2,
      reply_users: [world.slack.botUserId, 'U1'],
      thread_ts: parent.ts,
    });
    expect(world.slack.workspace.replies('C1', String(parent.ts)).map((m) => m.text)).toEqual([
      'card',
      'update 1',
      'thanks',
    ]);
  });
});

describe('chat.update, chat.delete, chat.postEphemeral, chat.getPermalink', () => {
  it('updates the bot message, marks it edited and keeps blocks the call leaves out', async () => {
    const web = webClientFor(world.slack);
    const blocks = [{ type: 'section', block_id: 'b', text: { type: 'mrkdwn', text: 'v1' } }];
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'v1', blocks });

    const res = await web.chat.update({ channel: 'C1', ts: String(posted.ts), text: 'v2' });

    expect(res).toMatchObject({ ok: true, channel: 'C1', ts: posted.ts, text: 'v2' });
    expect(world.slack.workspace.message('C1', String(posted.ts))).toMatchObject({
      text: 'v2',
      blocks,
      edited: { user: world.slack.botUserId },
    });
  });

  it('refuses to update an unknown ts or a message a person wrote', async () => {
    const web = webClientFor(world.slack);
    const human = world.slack.postAsUser('U1', 'C1', 'mine');
    expect(await refusal(web.chat.update({ channel: 'C1', ts: '1.000000', text: 'x' }))).toMatchObject({
      error: 'message_not_found',
    });
    expect(await refusal(web.chat.update({ channel: 'C1', ts: human.ts, text: 'x' }))).toMatchObject({
      error: 'cant_update_message',
    });
  });

  it('deletes a bot message and gives permalinks', async () => {
    const web = webClientFor(world.slack);
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'bye' });
    const link = await web.chat.getPermalink({ channel: 'C1', message_ts: String(posted.ts) });
    await web.chat.delete({ channel: 'C1', ts: String(posted.ts) });

    expect(link.permalink).toBe(
      `https://orderdesk.slack.com/archives/C1/p${String(posted.ts).replace('.', '')}`,
    );
    expect(world.slack.messages('C1')).toEqual([]);
  });

  it('shows an ephemeral message to one member, and refuses a non-member', async () => {
    world.slack.addUser({ id: 'U2', name: 'bob' });
    const web = webClientFor(world.slack);
    const res = await web.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });

    expect(res.message_ts).toBeDefined();
    expect(world.slack.workspace.ephemerals({ user: 'U1' })).toMatchObject([
      { channel: 'C1', text: 'only you', source: 'chat.postEphemeral' },
    ]);
    expect(await refusal(web.chat.postEphemeral({ channel: 'C1', user: 'U2', text: 'x' }))).toMatchObject({
      error: 'user_not_in_channel',
    });
  });
});

describe('users and state events', () => {
  it('answers users.info and users.list, with the locale only when asked', async () => {
    world.slack.addUser({ id: 'U2', name: 'bob', tz: 'Asia/Tokyo', tz_offset: 32400, locale: 'ja-JP' });
    const web = webClientFor(world.slack);

    const plain = await web.users.info({ user: 'U2' });
    const withLocale = await web.users.info({ user: 'U2', include_locale: true });
    const list = await web.users.list({});

    expect(plain.user).toMatchObject({
      id: 'U2',
      name: 'bob',
      tz: 'Asia/Tokyo',
      tz_offset: 32400,
      is_bot: false,
    });
    expect(plain.user?.locale).toBeUndefined();
    expect(withLocale.user?.locale).toBe('ja-JP');
    expect(list.members?.map((m) => m.id)).toEqual([world.slack.botUserId, 'U1', 'U2']);
    expect(await refusal(web.users.info({ user: 'U404' }))).toMatchObject({ error: 'user_not_found' });
  });

  it('emits a change for each call and each state change', async () => {
    const changes: FakeSlackChange[] = [];
    world.slack.on('change', (c) => changes.push(c));

    await webClientFor(world.slack).chat.postMessage({ channel: 'C1', text: 'x' });

    expect(changes.map((c) => c.kind)).toEqual(['call', 'message']);
  });
});
