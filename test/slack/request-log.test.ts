import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../support/department-world.ts';
import { type Flow, people, signingSecret, startFlow } from '../support/flow.ts';
import { eventually, openModal, seedIntakeWorld } from '../support/intake-world.ts';
import { botToken } from '../support/outbox-harness.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow({ env: { LOG_LEVEL: 'debug' } });
  await seedIntakeWorld(flow);
});
afterAll(() => flow.stop());

const entries = () => flow.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const requestLines = () => entries().filter((e) => e.msg === 'slack request');

describe('the request log', () => {
  it('every log line is one JSON object with a level, a time and a message', async () => {
    await flow.driver.command(people.dana, 'help');
    expect(flow.logs.length).toBeGreaterThan(0);
    for (const entry of entries()) {
      expect(entry).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        msg: expect.any(String),
      });
    }
  });

  it('a command, a button, a modal submission and an event are one line each: id, kind, user, latency, outcome', async () => {
    flow.logs.length = 0;
    await flow.driver.command(people.admin, 'new');
    const view = await openModal(flow, people.admin);
    await flow.driver.clickButton(people.admin, { view: view.id, action_id: 'order_modal.add_line' });
    await flow.driver.submitView(people.admin, view.id, {});
    await flow.driver.appHomeOpened(people.dana);

    // Slack has its 200 for an event before the bot handles it; the line follows the handling.
    const lines = await eventually(() => requestLines().length === 4 && requestLines(), 'four request lines');
    // A line is written when its handling ends, so a button's redraw may finish after the
    // submission sent behind it: the lines are one per request, in whichever order they ended.
    expect(lines.map((l) => [l.kind, l.id, l.user, l.outcome])).toEqual(
      expect.arrayContaining([
        ['command', '/order', people.admin, 'acked'],
        ['action', 'order_modal.add_line', people.admin, 'acked'],
        ['view', view.callback_id, people.admin, 'acked'],
        ['event', 'app_home_opened', people.dana, 'acked'],
      ]),
    );
    for (const line of lines) {
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.latencyMs).toEqual(expect.any(Number));
      expect(line.level).toBe('info');
    }
    expect(new Set(lines.map((l) => l.requestId)).size).toBe(lines.length);
  });

  it('with every secret configured and debug logging, no log line holds the bot token or the signing secret', async () => {
    flow.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await flow.driver.command(people.admin, 'help', { signature: `v0=${'0'.repeat(64)}` });
    await placeOrder(flow);
    const all = flow.logs.join('\n');
    expect(entries().some((e) => e.level === 'debug')).toBe(true);
    expect(all).toContain('channel_not_found');
    expect(all).not.toContain(botToken);
    expect(all).not.toContain(signingSecret);
  });
});
