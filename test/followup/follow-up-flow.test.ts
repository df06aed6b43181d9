import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { departments, orderFeedback, scheduledJobs } from '../../src/db/schema.ts';
import { jobKinds } from '../../src/job-kinds.ts';
import { cardIn } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import {
  acmeContact,
  aDeliveredOrder,
  logistics,
  production,
  seedFollowUpWorld,
  statusOf,
} from '../support/followup-world.ts';
import { eventually, openModal } from '../support/intake-world.ts';
import { schedulerFor } from '../support/scheduler-world.ts';

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

  /** Delivered on Thursday; the owner's reminder arrives the next Tuesday. */
  async function remindedOfADeliveredOrder() {
    flow.clock.set('2026-12-03T10:00:00Z');
    const number = await aDeliveredOrder(flow);
    await tickAt('2026-12-08T10:30:00Z');
    expect(followUps()).toHaveLength(1);
    return number;
  }

  /** The owner presses a button on the latest reminder; what they are told privately, if anything. */
  async function pressOnReminder(actionId: string) {
    const reminder = followUps().at(-1);
    const told = flow.slack.workspace.ephemerals({ user: people.admin }).length;
    await flow.driver.clickButton(people.admin, {
      message: { channel: dmOf(people.admin), ts: reminder?.ts ?? '' },
      action_id: actionId,
    });
    return eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).slice(told).at(-1)?.text,
      `an answer to ${actionId}`,
    );
  }

  async function logFeedback(values: Record<string, Record<string, unknown>>) {
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, {
      message: { channel: dmOf(people.admin), ts: followUps().at(-1)?.ts ?? '' },
      action_id: 'followup.feedback',
    });
    const modal = await openModal(flow, people.admin, before);
    const res = await flow.driver.submitView(people.admin, modal, values);
    await flow.drainOutbox();
    return { res };
  }

  it('Log feedback 5: stored with who and when, on the timeline, the order completed, its card shows ★5', async () => {
    const number = await remindedOfADeliveredOrder();
    const { res } = await logFeedback({ rating: { rating: '5' }, comment: { comment: 'All good' } });
    expect(res.body).toBe('');
    expect(await statusOf(flow, number)).toBe('completed');
    const [stored] = await flow.database.db.select().from(orderFeedback);
    expect(stored).toMatchObject({ rating: 5, comment: 'All good', loggedBy: people.admin });
    expect(stored?.loggedAt).toBeInstanceOf(Date);
    const dm = dmOf(people.admin);
    expect(JSON.stringify(cardIn(flow, dm, number)?.blocks)).toContain('*Feedback*\\n★5');
    const thread = flow.slack.workspace.replies(dm, cardIn(flow, dm, number)?.ts ?? '').map((m) => m.text);
    expect(thread.at(-1)).toBe(`<@${people.admin}> logged the customer's feedback: ★5 → *completed*`);

    expect(await pressOnReminder('followup.feedback')).toBe(
      `:warning: Feedback on ${number} is already logged (★5); it stays as it is.`,
    );
    expect(await flow.database.db.select().from(orderFeedback)).toHaveLength(1);

    await tickAt('2026-12-31T10:00:00Z');
    expect(followUps()).toHaveLength(1);
  });

  it('the form sent twice at once (Enter pressed twice): one feedback, the other told it is already logged', async () => {
    const number = await remindedOfADeliveredOrder();
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, {
      message: { channel: dmOf(people.admin), ts: followUps().at(-1)?.ts ?? '' },
      action_id: 'followup.feedback',
    });
    const modal = await openModal(flow, people.admin, before);
    const answers = await Promise.all([
      flow.driver.submitView(people.admin, modal, { rating: { rating: '4' } }),
      flow.driver.submitView(people.admin, modal, { rating: { rating: '4' } }),
    ]);
    expect(answers.map((a) => a.body).sort()).toEqual([
      '',
      {
        response_action: 'errors',
        errors: { rating: `Feedback on ${number} is already logged; it stays as it is.` },
      },
    ]);
    expect(await flow.database.db.select({ rating: orderFeedback.rating }).from(orderFeedback)).toEqual([
      { rating: 4 },
    ]);
  });

  it('someone who does not own the order cannot snooze its follow-up', async () => {
    const number = await remindedOfADeliveredOrder();
    const reminder = followUps().at(-1);
    await flow.driver.clickButton(production.member, {
      message: { channel: dmOf(people.admin), ts: reminder?.ts ?? '' },
      action_id: 'followup.snooze_1w',
    });
    const refusal = await eventually(
      () => flow.slack.workspace.ephemerals({ user: production.member }).at(-1)?.text,
      'a refusal',
    );
    expect(refusal).toBe(
      `:no_entry: Only <@${people.admin}>, who owns ${number}, or an admin can follow it up.`,
    );
  });

  it('a rating of 2 or less asks what went wrong', async () => {
    await remindedOfADeliveredOrder();
    const { res } = await logFeedback({ rating: { rating: '2' } });
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { reasons: 'With a rating of 2 or less, say what went wrong.' },
    });
    expect(await flow.database.db.select().from(orderFeedback)).toEqual([]);
  });

  it('Snooze 1 day moves the reminder a day on; once the follow-up is finished, Snooze says so', async () => {
    const number = await remindedOfADeliveredOrder();
    expect(await pressOnReminder('followup.snooze_1d')).toMatch(/^:zzz: Snoozed: I'll remind you again /);
    const [job] = await flow.database.db
      .select()
      .from(scheduledJobs)
      .where(eq(scheduledJobs.kind, 'order.followup'));
    expect(job?.status).toBe('scheduled');
    expect(job?.runAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-12-09T10:30:00Z').getTime());

    await tickAt('2026-12-09T10:29:00Z');
    expect(followUps()).toHaveLength(1);
    await tickAt('2026-12-09T10:35:00Z');
    expect(followUps()).toHaveLength(2);

    expect(await pressOnReminder('followup.done')).toBe(
      `:white_check_mark: ${number} is completed; nothing more to follow up.`,
    );
    expect(await statusOf(flow, number)).toBe('completed');
    expect(await pressOnReminder('followup.snooze_1w')).toBe(
      `:warning: The follow-up on ${number} is finished: the order is completed.`,
    );
  });

  const lowRating = {
    rating: { rating: '2' },
    reasons: { reasons: ['late_delivery', 'paperwork'] },
    comment: { comment: 'Two days late, no delivery note' },
  };
  const headline = (number: string) =>
    `:rotating_light: ${number} · Acme Industrial rated it ★2 after delivery`;
  const alertsIn = (channel: string, number: string) =>
    flow.slack.messages(channel).filter((m) => m.text === headline(number));

  it('rating 2: a card with the timeline to after-sales and to the departments that handled it, and a task for its manager the next working day', async () => {
    const afterSales = { channelId: 'C0AFTER', manager: 'U0ASMGR' };
    flow.slack.addChannel({ id: afterSales.channelId, name: 'after-sales', is_member: true });
    flow.slack.addUser({ id: afterSales.manager, name: 'asa' });
    await flow.database.db.insert(departments).values({
      key: 'after_sales',
      name: 'After-sales',
      channelId: afterSales.channelId,
      managerId: afterSales.manager,
    });
    const number = await remindedOfADeliveredOrder();
    expect((await logFeedback(lowRating)).res.body).toBe('');
    expect(await statusOf(flow, number)).toBe('completed');

    for (const channel of [afterSales.channelId, production.channelId, logistics.channelId])
      expect(alertsIn(channel, number)).toHaveLength(1);
    const card = JSON.stringify(alertsIn(afterSales.channelId, number)[0]?.blocks);
    expect(card).toContain('Late delivery, Paperwork');
    expect(card).toContain('Two days late, no delivery note');
    expect(card).toContain('→ *delivered*');
    expect(card).toContain("logged the customer's feedback: ★2 (late delivery, paperwork)");

    const tasks = () =>
      flow.slack.messages(dmOf(afterSales.manager)).filter((m) => m.text.startsWith(':clipboard:'));
    await tickAt('2026-12-08T16:00:00Z');
    expect(tasks()).toEqual([]);
    await tickAt('2026-12-09T10:45:00Z');
    expect(tasks().map((m) => m.text)).toEqual([
      `:clipboard: After-sales follow-up: ${number} · Acme Industrial rated it ★2 (Late delivery, Paperwork). Call the customer and set it right.`,
    ]);
  });

  it('rating 1 with no after-sales department: the admins are told', async () => {
    const number = await remindedOfADeliveredOrder();
    await logFeedback({ ...lowRating, rating: { rating: '1' } });
    const told = flow.slack
      .messages(dmOf(people.admin))
      .filter((m) => m.text === `:rotating_light: ${number} · Acme Industrial rated it ★1 after delivery`);
    expect(told).toHaveLength(1);
  });

  it('the bot restarts while the follow-up is due: the owner is reminded once', async () => {
    flow.clock.set('2026-12-03T10:00:00Z');
    await aDeliveredOrder(flow);
    flow.clock.set('2026-12-08T10:30:00Z');
    const calendar = {
      timeZone: 'Europe/Berlin',
      workdays: [1, 2, 3, 4, 5],
      opensAt: 9 * 60,
      closesAt: 17 * 60,
      holidays: [],
    };
    const restarted = schedulerFor(flow.database.db, flow.clock, { kinds: jobKinds, calendar }).scheduler;
    await restarted.start();
    await restarted.stop();
    await flow.desk.scheduler.tick();
    await restarted.tick();
    await flow.drainOutbox();
    expect(followUps()).toHaveLength(1);
  });
});
