import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, startFakeSlack, TRIGGER_TTL_MS } from '../../src/sandbox/fake-slack/index.ts';
import { refusal, webClientFor } from './support.ts';

const modal = (title: string, extra: object = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [],
  ...extra,
});

let clock: ManualClock;
let slack: FakeSlack;
let web: WebClient;

beforeEach(async () => {
  clock = new ManualClock();
  slack = await startFakeSlack({ clock });
  web = webClientFor(slack);
  slack.addUser({ id: 'U1', name: 'alice' });
});

afterEach(() => slack.stop());

describe('trigger ids', () => {
  it('look like Slack triggers and open the modal for the user they were issued to', async () => {
    const trigger = slack.issueTriggerId('U1');
    const res = await web.views.open({ trigger_id: trigger, view: modal('New order') });

    expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(res.view).toMatchObject({ type: 'modal', root_view_id: res.view?.id, previous_view_id: null });
    expect(res.view?.id).toMatch(/^V/);
    expect(slack.views.top('U1')?.id).toBe(res.view?.id);
  });

  it('refuse an unknown trigger, a used one and one older than 3 seconds', async () => {
    const used = slack.issueTriggerId('U1');
    await web.views.open({ trigger_id: used, view: modal('A') });
    const late = slack.issueTriggerId('U1');
    clock.advance(TRIGGER_TTL_MS + 1);

    const open = (trigger_id: string) => refusal(web.views.open({ trigger_id, view: modal('B') }));
    expect((await open('123.456.abc')).error).toBe('invalid_trigger_id');
    expect((await open(used)).error).toBe('exchanged_trigger_id');
    expect((await open(late)).error).toBe('expired_trigger_id');
  });

  it('are not spent by a view Slack refuses', async () => {
    const trigger = slack.issueTriggerId('U1');
    const refused = await refusal(web.views.open({ trigger_id: trigger, view: modal('x'.repeat(25)) }));

    expect(refused).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
      },
    });
    await expect(web.views.open({ trigger_id: trigger, view: modal('Fine') })).resolves.toMatchObject({
      ok: true,
    });
  });
});

describe('the modal stack', () => {
  it('pushes up to 3 views, then answers push_limit_reached', async () => {
    const root = await web.views.open({ trigger_id: slack.issueTriggerId('U1'), view: modal('1') });
    const second = await web.views.push({ trigger_id: slack.issueTriggerId('U1'), view: modal('2') });
    await web.views.push({ trigger_id: slack.issueTriggerId('U1'), view: modal('3') });
    const fourth = await refusal(
      web.views.push({ trigger_id: slack.issueTriggerId('U1'), view: modal('4') }),
    );

    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    expect(fourth.error).toBe('push_limit_reached');
    expect(slack.views.stack('U1').map((v) => v.title?.text)).toEqual(['1', '2', '3']);
  });

  it('updates by view_id or external_id, rejects a stale hash and keeps what the user typed', async () => {
    const input = {
      type: 'input',
      block_id: 'qty',
      label: { type: 'plain_text', text: 'Quantity' },
      element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false },
    };
    const opened = await web.views.open({
      trigger_id: slack.issueTriggerId('U1'),
      view: modal('Order', {
        external_id: 'order-1',
        blocks: [input],
        submit: { type: 'plain_text', text: 'Save' },
      }),
    });
    const id = String(opened.view?.id);
    slack.views.setState(id, { qty: { v: { type: 'number_input', value: '12' } } });

    const updated = await web.views.update({
      view_id: id,
      hash: opened.view?.hash,
      view: modal('Order v2', { blocks: [input], submit: { type: 'plain_text', text: 'Save' } }),
    });
    const stale = await refusal(
      web.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Late') }),
    );
    const byExternalId = await web.views.update({ external_id: 'order-1', view: modal('Order v3') });

    expect(updated.view).toMatchObject({
      id,
      external_id: 'order-1',
      state: { values: { qty: { v: { value: '12' } } } },
    });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(stale.error).toBe('hash_conflict');
    expect(byExternalId.view?.title?.text).toBe('Order v3');
    expect(await refusal(web.views.update({ view_id: 'V404', view: modal('x') }))).toMatchObject({
      error: 'not_found',
    });
  });

  it('refuses an external_id that is already in use', async () => {
    await web.views.open({ trigger_id: slack.issueTriggerId('U1'), view: modal('A', { external_id: 'x' }) });
    const refused = await refusal(
      web.views.push({ trigger_id: slack.issueTriggerId('U1'), view: modal('B', { external_id: 'x' }) }),
    );
    expect(refused.error).toBe('duplicate_external_id');
  });
});

describe('views.publish', () => {
  it('keeps one Home tab per user, with the same id across publishes', async () => {
    const home = {
      type: 'home' as const,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Queue' } }],
    };
    const first = await web.views.publish({ user_id: 'U1', view: home });
    const second = await web.views.publish({ user_id: 'U1', view: home, hash: first.view?.hash });

    expect(second.view?.id).toBe(first.view?.id);
    expect(slack.views.home('U1')?.hash).toBe(second.view?.hash);
    expect(
      await refusal(web.views.publish({ user_id: 'U1', view: home, hash: first.view?.hash })),
    ).toMatchObject({
      error: 'hash_conflict',
    });
    expect(await refusal(web.views.publish({ user_id: 'U404', view: home }))).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] invalid `user_id`'] },
    });
  });
});
