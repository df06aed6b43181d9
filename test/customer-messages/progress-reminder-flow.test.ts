import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customers } from '../../src/db/schema.ts';
import { placeOrder, press } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { production, seedFollowUpWorld, statusOf } from '../support/followup-world.ts';

const acmeConnect = 'C0ACMESHARED';

describe('reminding the owner to update the customer while the order is in production', () => {
  let flow: Flow;
  beforeEach(async () => {
    // Five days in production before the first reminder, then every three days.
    flow = await startFlow({
      env: { ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS: '5', ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS: '3' },
    });
    await seedFollowUpWorld(flow);
    flow.slack.addChannel({ id: acmeConnect, name: 'acme-shared', is_member: true });
    await flow.database.db
      .update(customers)
      .set({ connectChannelId: acmeConnect })
      .where(eq(customers.code, 'ACME'));
  });
  afterEach(() => flow.stop());

  const dm = () => flow.slack.workspace.openIm(people.admin).channel.id;
  const offers = () => flow.slack.messages(dm()).filter((m) => m.text.startsWith(':speech_balloon:'));
  /** Each working morning's run (09:30 in Berlin), as the scheduler would tick. */
  async function morningOf(date: string) {
    flow.clock.set(`${date}T08:30:00Z`);
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
  }

  it('started on Tuesday 1 December: reminded Monday the 7th, Thursday the 10th, Monday the 14th; none once production is done', async () => {
    flow.clock.set('2026-12-01T09:00:00Z');
    const number = await placeOrder(flow);
    await press(flow, production.member, production.channelId, number, 'step.accept');
    await press(flow, production.member, production.channelId, number, 'step.start');
    expect(await statusOf(flow, number)).toBe('in_production');

    const remindedOn: string[] = [];
    for (let day = 2; day <= 14; day++) {
      const date = `2026-12-${String(day).padStart(2, '0')}`;
      const before = offers().length;
      await morningOf(date);
      if (offers().length > before) remindedOn.push(date);
    }
    expect(remindedOn).toEqual(['2026-12-07', '2026-12-10', '2026-12-14']);
    const latest = JSON.stringify(offers().at(-1)?.blocks);
    expect(offers().at(-1)?.text).toBe(
      `:speech_balloon: ${number} has been in production a while: time to tell the customer how it is going.`,
    );
    expect(latest).toContain('Where it stands: in production');
    expect(latest).toContain('We expect to deliver it on 2026-12-20.');

    // The same morning's run again (a retry, a second instance): no second reminder.
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
    expect(offers()).toHaveLength(3);

    await press(flow, production.member, production.channelId, number, 'step.done');
    expect(await statusOf(flow, number)).toBe('ready');
    for (const date of ['2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18']) await morningOf(date);
    expect(offers()).toHaveLength(3);
    expect(flow.slack.messages(acmeConnect)).toEqual([]);
  }, 120_000);
});
