import type { AddressInfo } from 'node:net';
import { App, type BlockAction, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, type Json, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { SlackDriver } from '../../src/sandbox/slack-driver.ts';

/**
 * SlackDriver.act, which the sandbox page uses for every element: the block_actions payload Bolt
 * receives has the element's own shape (selected_option, selected_user, selected_date…), in
 * messages, ephemeral messages and views, and a view's state takes the new value.
 */

const SIGNING_SECRET = 'test-signing-secret';
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string) => ({ text: plain(value.toUpperCase()), value });

const messageBlocks = [
  {
    type: 'actions',
    block_id: 'tools',
    elements: [
      { type: 'static_select', action_id: 'priority', options: [option('low'), option('high')] },
      { type: 'overflow', action_id: 'more', options: [option('edit'), option('cancel')] },
      { type: 'datepicker', action_id: 'due' },
      { type: 'users_select', action_id: 'owner' },
      { type: 'button', action_id: 'go', text: plain('Go'), value: 'go-1' },
    ],
  },
];

const modal = {
  type: 'modal' as const,
  callback_id: 'm',
  title: plain('Form'),
  submit: plain('Save'),
  blocks: [
    {
      type: 'input',
      block_id: 'note',
      label: plain('Note'),
      element: { type: 'plain_text_input', action_id: 'v' },
    },
    {
      type: 'input',
      block_id: 'extras',
      dispatch_action: true,
      label: plain('Extras'),
      element: { type: 'checkboxes', action_id: 'v', options: [option('gift'), option('rush')] },
    },
  ],
};

let slack: FakeSlack;
let app: App;
let driver: SlackDriver;
let received: BlockAction[];

beforeEach(async () => {
  const clock = new ManualClock();
  slack = await startFakeSlack({ clock });
  slack.addUser({ id: 'U1', name: 'alice' });
  slack.addUser({ id: 'U2', name: 'bob' });
  slack.addChannel({ id: 'C1', name: 'orders', members: ['U1', 'U2'], is_member: true });
  received = [];
  app = new App({
    token: slack.botToken,
    signingSecret: SIGNING_SECRET,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  app.action<BlockAction>(/.*/, async ({ ack, body }) => {
    received.push(body);
    await ack();
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  driver = new SlackDriver({
    botUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    slack,
    clock,
  });
});

afterEach(async () => {
  await app.stop();
  await slack.stop();
});

const lastAction = () => received.at(-1)?.actions[0] as Json | undefined;

describe('SlackDriver.act', () => {
  it('sends each message element in its own shape, with the message and a response_url', async () => {
    const card = slack.postAsUser(slack.botUserId, 'C1', 'card', {
      blocks: messageBlocks,
      bot_id: slack.botId,
    });
    const where = { message: { channel: 'C1', ts: card.ts }, block_id: 'tools' };

    await driver.act('U1', { ...where, action_id: 'priority', value: 'high' });
    expect(lastAction()).toMatchObject({ type: 'static_select', selected_option: option('high') });
    expect(received.at(-1)).toMatchObject({
      container: { type: 'message', message_ts: card.ts, channel_id: 'C1' },
    });
    expect(received.at(-1)?.response_url).toMatch(/\/response\//);

    await driver.act('U1', { ...where, action_id: 'more', value: 'cancel' });
    expect(lastAction()).toMatchObject({ type: 'overflow', selected_option: option('cancel') });

    await driver.act('U1', { ...where, action_id: 'due', value: '2026-12-24' });
    expect(lastAction()).toMatchObject({ type: 'datepicker', selected_date: '2026-12-24' });

    await driver.act('U1', { ...where, action_id: 'owner', value: 'U2' });
    expect(lastAction()).toMatchObject({ type: 'users_select', selected_user: 'U2' });

    await driver.act('U1', { ...where, action_id: 'go' });
    expect(lastAction()).toMatchObject({ type: 'button', value: 'go-1', text: plain('Go') });
  });

  it('acts on an ephemeral message, which Slack marks as such', async () => {
    const ephemeral = slack.workspace.postEphemeral({
      channel: 'C1',
      user: 'U1',
      text: 'only you',
      blocks: messageBlocks,
      source: 'chat.postEphemeral',
    });
    await driver.act('U1', { ephemeral, block_id: 'tools', action_id: 'go' });
    expect(received.at(-1)).toMatchObject({ container: { is_ephemeral: true, message_ts: ephemeral.ts } });
  });

  it('in a view, the other inputs and the element’s new value go into view state before the bot hears of it', async () => {
    const view = slack.views.open('U1', modal);
    await driver.act('U1', {
      view: view.id,
      block_id: 'extras',
      action_id: 'v',
      value: ['rush'],
      values: { note: { v: { type: 'plain_text_input', value: 'fragile' } } },
    });
    const body = received.at(-1);
    expect(lastAction()).toMatchObject({ type: 'checkboxes', selected_options: [option('rush')] });
    expect(body?.view?.state.values).toEqual({
      note: { v: { type: 'plain_text_input', value: 'fragile' } },
      extras: { v: { type: 'checkboxes', selected_options: [option('rush')] } },
    });
    expect(slack.views.find(view.id)?.view.state.values.extras).toEqual(body?.view?.state.values.extras);
  });

  it('refuses an element the person cannot see', async () => {
    const view = slack.views.open('U1', modal);
    await expect(driver.act('U1', { view: view.id, block_id: 'nope', action_id: 'v' })).rejects.toThrow(
      'on screen',
    );
  });
});
