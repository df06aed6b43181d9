import { describe, expect, it } from 'vitest';
import { draftCustomerMessage, routeProgress } from '../../src/customer-messages/draft-customer-message.ts';
import { progressUpdateDue } from '../../src/customer-messages/progress-due.ts';

const policy = { afterDays: 7, everyDays: 3 };

describe('when the owner is due to update the customer on an order in production', () => {
  it('not before the order has been in production for the period', () => {
    expect(
      progressUpdateDue(policy, { inProductionSince: '2026-12-01', lastOfferedOn: null }, '2026-12-07'),
    ).toBe(false);
    expect(
      progressUpdateDue(policy, { inProductionSince: '2026-12-01', lastOfferedOn: null }, '2026-12-08'),
    ).toBe(true);
  });

  it('then every N days after the last offer, not in between', () => {
    const order = { inProductionSince: '2026-12-01', lastOfferedOn: '2026-12-08' };
    expect(
      ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((d) =>
        progressUpdateDue(policy, order, d),
      ),
    ).toEqual([false, false, false, true]);
  });
});

describe('the drafted customer message', () => {
  const facts = {
    orderNumber: 'SO-2026-000004',
    customerName: 'Acme Industrial',
    customerPo: 'PO-77',
    status: 'in_production',
    progressPercent: 40,
    expectedDate: '2026-12-20',
  };

  it('a progress update says where the order stands, how far, and when to expect it', () => {
    expect(draftCustomerMessage({ ...facts, reason: 'progress' })).toBe(
      [
        'Hello Acme Industrial, here is an update on your order SO-2026-000004 (your reference PO-77).',
        'Where it stands: in production, about 40% done.',
        'We expect to deliver it on 2026-12-20.',
        'We will keep you posted. Reply here with any question.',
      ].join('\n'),
    );
  });

  it('an exception says what happened, what we do, and the new date against the old', () => {
    const text = draftCustomerMessage({
      ...facts,
      reason: 'exception_raised',
      what: 'a press broke down',
      action: 'parts are ordered; production resumes Monday',
      newDate: '2026-12-28',
    });
    expect(text).toContain('What happened: a press broke down');
    expect(text).toContain('What we do: parts are ordered; production resumes Monday');
    expect(text).toContain('New delivery date: 2026-12-28 (it was 2026-12-20).');
  });

  it('progress counts each step of the route equally, finished ones whole, cancelled ones not at all', () => {
    expect(
      routeProgress([
        { status: 'done', progress: 0 },
        { status: 'started', progress: 40 },
        { status: 'pending', progress: 0 },
        { status: 'cancelled', progress: 0 },
      ]),
    ).toBe(47);
    expect(routeProgress([])).toBe(0);
  });
});
