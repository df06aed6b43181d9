import type { ConversationsListResponse, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { refusal, webClientFor } from './support.ts';

let slack: FakeSlack;
let web: WebClient;

beforeEach(async () => {
  slack = await startFakeSlack({ clock: new ManualClock() });
  web = webClientFor(slack);
  slack.addUser({ id: 'U1', name: 'alice' });
  slack.addUser({ id: 'U2', name: 'bob' });
});

afterEach(() => slack.stop());

describe('conversations.list', () => {
  it('pages with an opaque cursor until next_cursor is empty', async () => {
    for (let i = 1; i <= 5; i++) slack.addChannel({ id: `C${i}`, name: `dept-${i}` });

    const first = await web.conversations.list({ limit: 2 });
    const second = await web.conversations.list({ limit: 2, cursor: first.response_metadata?.next_cursor });
    const all: string[] = [];
    for await (const page of web.paginate('conversations.list', { limit: 2 })) {
      all.push(...((page as ConversationsListResponse).channels ?? []).map((c) => String(c.id)));
    }

    expect(first.channels?.map((c) => c.id)).toEqual(['C1', 'C2']);
    expect(first.response_metadata?.next_cursor).not.toBe('');
    expect(second.channels?.map((c) => c.id)).toEqual(['C3', 'C4']);
    expect(all).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('filters by types, shows private channels only with the bot inside, and can drop archived ones', async () => {
    slack.addChannel({ id: 'C1', name: 'orders' });
    slack.addChannel({ id: 'C2', name: 'old', is_archived: true });
    slack.addChannel({ id: 'G1', name: 'finance', is_private: true, is_member: true });
    slack.addChannel({ id: 'G2', name: 'hr', is_private: true });

    const ids = async (args: object) => (await web.conversations.list(args)).channels?.map((c) => c.id);

    expect(await ids({})).toEqual(['C1', 'C2']);
    expect(await ids({ exclude_archived: true })).toEqual(['C1']);
    expect(await ids({ types: 'public_channel,private_channel' })).toEqual(['C1', 'C2', 'G1']);
    expect(await ids({ types: 'private_channel' })).toEqual(['G1']);
  });

  it('refuses a cursor it did not hand out', async () => {
    expect(await refusal(web.conversations.list({ cursor: 'bm9wZQ==' }))).toMatchObject({
      error: 'invalid_cursor',
    });
  });

  it('returns channels in the fixture shape', async () => {
    slack.addChannel({ id: 'C1', name: 'orders', is_member: true, members: ['U1'] });
    const [channel] = (await web.conversations.list({})).channels ?? [];
    expect(channel).toMatchObject({
      id: 'C1',
      name: 'orders',
      is_channel: true,
      is_private: false,
      is_archived: false,
      is_member: true,
      num_members: 2,
    });
  });
});

describe('conversations.info, join, members, open', () => {
  it('hides a private channel the bot is not in', async () => {
    slack.addChannel({ id: 'G1', name: 'hr', is_private: true });
    expect(await refusal(web.conversations.info({ channel: 'G1' }))).toMatchObject({
      error: 'channel_not_found',
    });
  });

  it('needs channels:join to join, which the default manifest does not grant', async () => {
    slack.addChannel({ id: 'C1', name: 'orders' });
    expect(await refusal(web.conversations.join({ channel: 'C1' }))).toMatchObject({
      error: 'missing_scope',
      needed: 'channels:join',
    });
  });

  it('joins a public channel once, then warns already_in_channel', async () => {
    const joiner = await startFakeSlack({ scopes: ['channels:join'] });
    joiner.addChannel({ id: 'C1', name: 'orders' });
    const client = webClientFor(joiner);

    const first = await client.conversations.join({ channel: 'C1' });
    const second = await client.conversations.join({ channel: 'C1' });
    await joiner.stop();

    expect(first.channel?.is_member).toBe(true);
    expect(second.warning).toBe('already_in_channel');
  });

  it('lists members with pagination', async () => {
    slack.addChannel({ id: 'C1', name: 'orders', members: ['U1', 'U2'], is_member: true });
    const page = await web.conversations.members({ channel: 'C1', limit: 2 });
    const rest = await web.conversations.members({
      channel: 'C1',
      cursor: page.response_metadata?.next_cursor,
    });
    expect([...(page.members ?? []), ...(rest.members ?? [])]).toEqual(['U1', 'U2', slack.botUserId]);
  });

  it('opens one DM per user and says so when it already exists', async () => {
    const first = await web.conversations.open({ users: 'U1' });
    const again = await web.conversations.open({ users: 'U1' });
    const group = await web.conversations.open({ users: 'U1,U2' });

    expect(first.channel?.id).toMatch(/^D/);
    expect(again).toMatchObject({ channel: { id: first.channel?.id }, already_open: true });
    expect(slack.workspace.channel(String(group.channel?.id))).toMatchObject({ is_mpim: true });
    expect(await refusal(web.conversations.open({ users: 'U404' }))).toMatchObject({
      error: 'user_not_found',
    });
  });
});
