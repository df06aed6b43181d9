import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import {
  type FakeSlack,
  RESPONSE_URL_TTL_MS,
  RESPONSE_URL_USES,
  startFakeSlack,
} from '../../src/sandbox/fake-slack/index.ts';

let clock: ManualClock;
let slack: FakeSlack;

const post = async (url: string, body: object) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

beforeEach(async () => {
  clock = new ManualClock();
  slack = await startFakeSlack({ clock });
  slack.addUser({ id: 'U1', name: 'alice' });
  slack.addChannel({ id: 'C1', name: 'orders', members: ['U1'] });
});

afterEach(() => slack.stop());

describe('response_url', () => {
  it('lives on the fake, and posts an ephemeral by default', async () => {
    const url = slack.issueResponseUrl({ channel: 'C1', user: 'U1' });

    expect(url).toMatch(new RegExp(`^${slack.origin}/response/[0-9a-f]+$`));
    expect(await post(url, { text: 'Only you can see this' })).toEqual({ status: 200, body: { ok: true } });
    expect(slack.workspace.ephemerals({ channel: 'C1', user: 'U1' })).toMatchObject([
      { text: 'Only you can see this', source: 'response_url' },
    ]);
  });

  it('posts in the channel as the bot with response_type in_channel, even where the bot is not a member', async () => {
    await post(slack.issueResponseUrl({ channel: 'C1', user: 'U1' }), {
      response_type: 'in_channel',
      text: 'Hi all',
    });
    expect(slack.messages('C1')).toMatchObject([{ text: 'Hi all', bot_id: slack.botId }]);
  });

  it('replaces or deletes the message it came from', async () => {
    const card = slack.workspace.post('C1', { text: 'SO-1 received', bot_id: slack.botId });
    const original = { kind: 'message' as const, ts: card.ts };

    await post(slack.issueResponseUrl({ channel: 'C1', user: 'U1', original }), {
      replace_original: true,
      text: 'SO-1 confirmed',
    });
    expect(slack.workspace.message('C1', card.ts)).toMatchObject({ text: 'SO-1 confirmed', edited: {} });

    await post(slack.issueResponseUrl({ channel: 'C1', user: 'U1', original }), { delete_original: true });
    expect(slack.messages('C1')).toEqual([]);
  });

  it('allows 5 uses, then answers 404 used_url', async () => {
    const url = slack.issueResponseUrl({ channel: 'C1', user: 'U1' });
    for (let i = 0; i < RESPONSE_URL_USES; i++) expect((await post(url, { text: `#${i}` })).status).toBe(200);
    expect(await post(url, { text: '#6' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });
  });

  it('expires after 30 minutes', async () => {
    const url = slack.issueResponseUrl({ channel: 'C1', user: 'U1' });
    clock.advance(RESPONSE_URL_TTL_MS + 1);
    expect(await post(url, { text: 'late' })).toEqual({
      status: 404,
      body: { ok: false, error: 'expired_url' },
    });
  });

  it('refuses blocks Slack would refuse', async () => {
    const url = slack.issueResponseUrl({ channel: 'C1', user: 'U1' });
    const res = await post(url, { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] });
    expect(res).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_blocks' } });
  });
});
