import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, type Json, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { SlackDriver } from '../../src/sandbox/slack-driver.ts';

const SIGNING_SECRET = 'test-signing-secret';
const plain = (text: string) => ({ type: 'plain_text' as const, text });

const orderModal = {
  type: 'modal' as const,
  callback_id: 'order_modal',
  title: plain('New order'),
  submit: plain('Create'),
  notify_on_close: true,
  blocks: [
    {
      type: 'input',
      block_id: 'qty',
      label: plain('Quantity'),
      element: { type: 'plain_text_input', action_id: 'v' },
    },
    {
      type: 'input',
      block_id: 'customer',
      label: plain('Customer'),
      element: { type: 'external_select', action_id: 'pick', min_query_length: 0 },
    },
  ],
};

const cardBlocks = [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*SO-1* received' } },
  {
    type: 'actions',
    block_id: 'next',
    elements: [
      { type: 'button', action_id: 'approve', text: plain('Approve'), value: 'SO-1', style: 'primary' },
    ],
  },
];

let slack: FakeSlack;
let app: App;
let driver: SlackDriver;
/** What the bot received, by listener, so tests can check the payloads Bolt parsed. */
let seen: Record<string, Json>;

beforeEach(async () => {
  const clock = new ManualClock();
  slack = await startFakeSlack({ clock });
  slack.addUser({ id: 'U1', name: 'alice' });
  slack.addUser({ id: 'U9', name: 'guest', team_id: 'T0PARTNER' });
  slack.addChannel({ id: 'C1', name: 'orders', members: ['U1', 'U9'], is_member: true });
  seen = {};
  app = new App({
    token: slack.botToken,
    signingSecret: SIGNING_SECRET,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  registerListeners(app);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  driver = new SlackDriver({
    botUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    slack,
    clock,
  });
});

afterEach(async () => {
  await app.stop();
  await slack.stop();
});

function registerListeners(bolt: App): void {
  bolt.command('/order', async ({ ack, body, client, respond }) => {
    seen.command = body as unknown as Json;
    if (body.text === 'new') {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: orderModal });
    } else if (body.text === 'later') {
      await ack();
      await respond({ text: 'Working on it' });
    } else {
      await ack({ text: `Order ${body.text}`, blocks: cardBlocks });
    }
  });
  bolt.action('approve', async ({ ack, body, respond }) => {
    seen.action = body as unknown as Json;
    await ack();
    await respond({ replace_original: true, text: 'SO-1 approved' });
  });
  bolt.options('pick', async ({ ack }) => {
    await ack({ options: [{ text: plain('ACME Ltd'), value: 'acme' }] });
  });
  bolt.view('order_modal', async ({ ack, view }) => {
    const qty = view.state.values.qty?.v?.value;
    if (qty === '0') {
      await ack({ response_action: 'errors', errors: { qty: 'Must be at least 1', note: 'never shown' } });
      return;
    }
    seen.submission = view as unknown as Json;
    await ack({
      response_action: 'update',
      view: {
        type: 'modal',
        title: plain('Created'),
        blocks: [{ type: 'section', text: plain(`${qty} pcs`) }],
      },
    });
  });
  bolt.view({ callback_id: 'order_modal', type: 'view_closed' }, async ({ ack, body }) => {
    seen.closed = body as unknown as Json;
    await ack();
  });
  bolt.view('share_modal', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'in_channel', text: 'Shared SO-1' });
  });
  bolt.event('app_home_opened', async ({ event, client, context }) => {
    seen.homeOpened = { retryNum: context.retryNum, retryReason: context.retryReason };
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: plain('My queue') }] },
    });
  });
}

describe('SlackDriver against a real Bolt app', () => {
  it('sends a slash command exactly as Slack does, and shows the ack as an ephemeral reply', async () => {
    const res = await driver.command('U1', '123', { channel: 'C1' });

    expect(res.status).toBe(200);
    expect(seen.command).toEqual({
      token: 'legacy-fixed-value',
      team_id: 'T0ORDERDESK',
      team_domain: 'orderdesk',
      channel_id: 'C1',
      channel_name: 'orders',
      user_id: 'U1',
      user_name: 'alice',
      command: '/order',
      text: '123',
      api_app_id: slack.appId,
      is_enterprise_install: 'false',
      response_url: res.responseUrl,
      trigger_id: res.triggerId,
    });
    expect(slack.workspace.ephemerals({ channel: 'C1', user: 'U1' })).toMatchObject([
      { text: 'Order 123', source: 'command_ack' },
    ]);
  });

  it('is answered 401 for a bad signature or a timestamp 6 minutes old', async () => {
    const forged = await driver.command('U1', '1', { signature: 'v0=deadbeef' });
    const replayed = await driver.command('U1', '1', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });

    expect(forged.status).toBe(401);
    expect(replayed.status).toBe(401);
    expect(seen.command).toBeUndefined();
  });

  it("carries respond() from the bot to the user through the fake's response_url", async () => {
    await driver.command('U1', 'later');
    await vi.waitFor(() => expect(slack.workspace.ephemerals({ user: 'U1' })).toHaveLength(1));
    expect(slack.workspace.ephemerals({ user: 'U1' })[0]).toMatchObject({
      text: 'Working on it',
      source: 'response_url',
    });
  });

  it('clicks a button in an ephemeral reply; respond() with replace_original replaces it', async () => {
    await driver.command('U1', '123', { channel: 'C1' });
    const [reply] = slack.workspace.ephemerals({ user: 'U1' });
    if (!reply) throw new Error('no reply');

    const res = await driver.clickButton('U1', { ephemeral: reply, action_id: 'approve' });

    expect(res.status).toBe(200);
    expect(seen.action).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: reply.ts, channel_id: 'C1', is_ephemeral: true },
      channel: { id: 'C1', name: 'orders' },
      actions: [{ type: 'button', action_id: 'approve', block_id: 'next', value: 'SO-1' }],
    });
    await vi.waitFor(() => expect(slack.workspace.ephemerals({ user: 'U1' })[0]?.text).toBe('SO-1 approved'));
  });

  it('clicks a button on a channel message for a Slack Connect guest from another team', async () => {
    const card = slack.workspace.post('C1', { text: 'SO-1', blocks: cardBlocks, bot_id: slack.botId });

    await driver.clickButton('U9', { message: { channel: 'C1', ts: card.ts }, action_id: 'approve' });

    expect(seen.action).toMatchObject({
      user: { id: 'U9', team_id: 'T0PARTNER' },
      team: { id: 'T0ORDERDESK' },
      message: { ts: card.ts, text: 'SO-1' },
    });
    await vi.waitFor(() => expect(slack.workspace.message('C1', card.ts)?.text).toBe('SO-1 approved'));
  });

  it('refuses to click a button that is not on screen', async () => {
    const card = slack.workspace.post('C1', { text: 'no buttons', bot_id: slack.botId });
    await expect(
      driver.clickButton('U1', { message: { channel: 'C1', ts: card.ts }, action_id: 'approve' }),
    ).rejects.toThrow(/no button/);
  });

  it('opens a modal from a command, then applies the response_action of each submission', async () => {
    await driver.command('U1', 'new');
    await vi.waitFor(() => expect(slack.views.top('U1')).toBeDefined());
    const modal = slack.views.top('U1');
    if (!modal) throw new Error('no modal');

    const suggestion = await driver.suggest('U1', modal, 'pick', 'customer', 'ac');
    const invalid = await driver.submitView('U1', modal, { qty: { v: '0' }, customer: { pick: 'acme' } });
    const valid = await driver.submitView('U1', modal, { qty: { v: '5' } });

    expect(suggestion.body).toEqual({ options: [{ text: plain('ACME Ltd'), value: 'acme' }] });
    expect(invalid.problems).toEqual(['errors["note"] is not an input block, so Slack does not show it']);
    expect(valid.problems).toEqual([]);
    expect(seen.submission).toMatchObject({
      state: {
        values: {
          qty: { v: { type: 'plain_text_input', value: '5' } },
          customer: { pick: { type: 'external_select', selected_option: { value: 'acme' } } },
        },
      },
    });
    expect(slack.views.stack('U1')).toMatchObject([{ id: modal.id, title: { text: 'Created' } }]);
  });

  it('shows response_action errors under the input they name', async () => {
    await driver.command('U1', 'new');
    await vi.waitFor(() => expect(slack.views.top('U1')).toBeDefined());
    const modal = slack.views.top('U1');
    if (!modal) throw new Error('no modal');

    await driver.submitView('U1', modal, { qty: { v: '0' } });

    expect(slack.views.errors(modal.id)).toEqual({ qty: 'Must be at least 1' });
    expect(slack.views.top('U1')?.id).toBe(modal.id);
  });

  it('closes the modal on an empty ack and gives respond() the picked conversation', async () => {
    const picker = { type: 'conversations_select', action_id: 'to', response_url_enabled: true };
    const modal = slack.views.open('U1', {
      type: 'modal',
      callback_id: 'share_modal',
      title: plain('Share'),
      submit: plain('Share'),
      blocks: [{ type: 'input', block_id: 'where', label: plain('Where'), element: picker }],
    });

    const res = await driver.submitView('U1', modal, { where: { to: 'C1' } });

    expect(res.problems).toEqual([]);
    expect(slack.views.stack('U1')).toEqual([]);
    await vi.waitFor(() => expect(slack.messages('C1')).toMatchObject([{ text: 'Shared SO-1' }]));
  });

  it('sends view_closed when a notify_on_close modal is closed', async () => {
    await driver.command('U1', 'new');
    await vi.waitFor(() => expect(slack.views.top('U1')).toBeDefined());
    const modal = slack.views.top('U1');
    if (!modal) throw new Error('no modal');

    const res = await driver.closeView('U1', modal);

    expect(res?.status).toBe(200);
    expect(seen.closed).toMatchObject({ type: 'view_closed', view: { id: modal.id }, is_cleared: false });
    expect(slack.views.stack('U1')).toEqual([]);
  });

  it('delivers events with retry headers, and the bot publishes the Home tab', async () => {
    const res = await driver.appHomeOpened('U1', { retryNum: 1, retryReason: 'http_timeout' });

    expect(res.status).toBe(200);
    expect(res.eventId).toMatch(/^Ev/);
    await vi.waitFor(() => expect(slack.views.home('U1')).toBeDefined());
    expect(seen.homeOpened).toEqual({ retryNum: 1, retryReason: 'http_timeout' });
  });
});
