import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardIn } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeContact, aDeliveredOrder, seedFollowUpWorld, statusOf } from '../support/followup-world.ts';

describe('following up after delivery', () => {
  let flow: Flow;
  beforeEach(async () => {
    flow = await startFlow();
    await seedFollowUpWorld(flow);
  });
  afterEach(() => flow.stop());

  const dmOf = (user: string) => flow.slack.workspace.openIm(user).channel.id;
  const followUps = () =>
    flow.slack.messages(dmOf(people.admin)).filter((m) => m.text.startsWith(':telephone_receiver:'));
  /** The scheduler ticks at `at`, and what its jobs queued is sent. */
  async function tickAt(at: string) {
    flow.clock.set(at);
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
  }

  it('delivered on a Thursday, the owner is asked on Tuesday (three working days, over the weekend), with the customer and its contact', async () => {
    flow.clock.set('2026-12-03T10:00:00Z');
    const number = await aDeliveredOrder(flow);

    await tickAt('2026-12-07T16:00:00Z');
    expect(followUps()).toEqual([]);

    await tickAt('2026-12-08T10:30:00Z');
    const [reminder] = followUps();
    expect(reminder?.text).toBe(
      `:telephone_receiver: Follow up on ${number}: how did the delivery to Acme Industrial go?`,
    );
    const shown = JSON.stringify(reminder?.blocks);
    expect(shown).toContain('Acme Industrial (ACME)');
    expect(shown).toContain(`<@${acmeContact}>`);
    for (const id of ['followup.feedback', 'followup.snooze_1d', 'followup.done'])
      expect(shown).toContain(id);

    await tickAt('2026-12-09T12:00:00Z');
    expect(followUps()).toHaveLength(1);
  });

  it('with no feedback for 14 days the order is completed, "no feedback", on its cards', async () => {
    flow.clock.set('2026-12-03T10:00:00Z');
    const number = await aDeliveredOrder(flow);
    await tickAt('2026-12-17T09:59:00Z');
    expect(await statusOf(flow, number)).toBe('delivered');

    await tickAt('2026-12-17T10:30:00Z');
    expect(await statusOf(flow, number)).toBe('completed');
    const dm = dmOf(people.admin);
    const thread = flow.slack.workspace.replies(dm, cardIn(flow, dm, number)?.ts ?? '').map((m) => m.text);
    expect(thread.at(-1)).toBe(':hourglass: no feedback came → *completed*');
  });
});
