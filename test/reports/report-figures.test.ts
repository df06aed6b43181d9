import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderFeedback, orders } from '../../src/db/schema.ts';
import { reportFigures } from '../../src/reports/report-figures.ts';
import type { ReportScope } from '../../src/reports/report-scope.ts';
import { fixtureNow, seedReportFixture } from '../support/report-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let fixture: Awaited<ReturnType<typeof seedReportFixture>>;
beforeEach(async () => {
  database = await createTestDatabase();
  fixture = await seedReportFixture(database.db);
});
afterEach(() => database.close());

const hours = (h: number) => h * 3600;
const november = { from: new Date('2026-10-31T23:00:00Z'), to: new Date('2026-11-30T23:00:00Z') };
const figures = (scope: Partial<ReportScope> = {}) =>
  reportFigures(database.db, {
    scope: { ...november, ...scope },
    now: fixtureNow,
    timeZone: 'Europe/Berlin',
  });

describe('the report’s figures, computed by the database', () => {
  it('November for everyone: every figure as worked out by hand', async () => {
    expect(await figures()).toEqual({
      // A, B, C, D, G received in November; D cancelled, so its 70.00 is not value.
      orders: 5,
      cancelled: 1,
      valueCents: 10_000 + 20_000 + 5_000 + 3_000,
      // A (due 10th, delivered 9th) and G on time; B (due 5th, delivered 6th) late.
      delivered: 3,
      onTimeInFull: 2,
      // A 7 d 2 h, B 3 d, G 3 d: p90 lies 0.8 of the way from the 2nd to the 3rd.
      cycle: {
        count: 3,
        mean: hours((170 + 72 + 72) / 3),
        p50: hours(72),
        p90: hours(72 + 0.8 * (170 - 72)),
      },
      // Production A 48 h, B 36 h (C not done); logistics A 24 h, B 12 h.
      stages: [
        {
          department: 'Production',
          stats: { count: 2, mean: hours(42), p50: hours(42), p90: hours(36 + 0.9 * 12) },
        },
        {
          department: 'Logistics',
          stats: { count: 2, mean: hours(18), p50: hours(18), p90: hours(12 + 0.9 * 12) },
        },
      ],
      bottleneck: 'Production',
      // Weeks start on Monday in Berlin.
      weeks: [
        { week: '2026-11-02', orders: 2, valueCents: 30_000, delivered: 2, onTime: 1 },
        { week: '2026-11-09', orders: 1, valueCents: 5_000, delivered: 0, onTime: 0 },
        { week: '2026-11-16', orders: 2, valueCents: 3_000, delivered: 1, onTime: 1 },
      ],
      // Open now: C (20 days old) and October's E (41 days, due 1 November: overdue).
      backlog: {
        open: 2,
        overdue: 1,
        ageing: [
          { days: '0–7', orders: 0 },
          { days: '8–30', orders: 1 },
          { days: '31–90', orders: 1 },
          { days: 'over 90', orders: 0 },
        ],
      },
      // B's problem reported on its step before exceptions had a table; C's material shortage.
      exceptions: {
        orders: 2,
        byType: [
          { type: 'material_shortage', department: 'Production', orders: 1 },
          { type: 'problem', department: 'Production', orders: 1 },
        ],
      },
      // C's pending change; a draft nobody sent does not count.
      changeRequests: { orders: 1 },
      // B approved after 4 h, D rejected after 2 h.
      credit: {
        holds: 2,
        approved: 1,
        rejected: 1,
        undecided: 0,
        timeToDecision: { count: 2, mean: hours(3), p50: hours(3), p90: hours(2 + 0.9 * 2) },
      },
      satisfaction: { count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] },
    });
  });

  it('one customer, one product, one department: only their orders', async () => {
    const bravo = await figures({ customerId: fixture.bravo.id });
    expect([bravo.orders, bravo.valueCents, bravo.delivered, bravo.onTimeInFull]).toEqual([1, 3_000, 1, 1]);
    expect(bravo.backlog.open).toBe(0);

    const gear = await figures({ productId: fixture.gear.id });
    expect([gear.orders, gear.valueCents, gear.onTimeInFull, gear.credit.holds]).toEqual([1, 20_000, 0, 1]);

    const production = await figures({ departmentId: fixture.production.id });
    expect([production.orders, production.valueCents, production.delivered]).toEqual([3, 35_000, 2]);
    expect(production.backlog.open).toBe(1);
  });

  it('an order entered late with an earlier receipt (an import) counts in its own month, not where its id falls', async () => {
    const [october] = await database.db.select().from(orders).where(eq(orders.number, 'SO-2026-000005'));
    if (!october) throw new Error('no October order');
    await database.db
      .insert(orderFeedback)
      .values({ orderId: october.id, rating: 1, loggedBy: 'U0ADMIN', loggedAt: new Date('2026-11-25') });
    const at = new Date('2026-11-25T10:00:00Z');
    await database.db.insert(orders).values({
      number: 'SO-2026-000008',
      customerId: fixture.acme.id,
      status: 'received',
      deliveryDate: '2026-12-10',
      paymentMethod: 'net30',
      ownerId: 'U0ADMIN',
      totalCents: 1_000,
      createdAt: at,
      updatedAt: at,
    });

    // November's ids now run past the October order's; it still counts in October only.
    const november = await figures();
    expect([november.orders, november.valueCents, november.satisfaction.count]).toEqual([6, 39_000, 2]);
  });

  it('a period without orders: zeros and nothing measured, never NaN', async () => {
    const empty = await figures({ from: new Date('2025-01-01'), to: new Date('2025-02-01') });
    expect(empty.orders).toBe(0);
    expect(empty.cycle).toEqual({ count: 0, mean: null, p50: null, p90: null });
    expect(empty.stages).toEqual([]);
    expect(empty.bottleneck).toBeNull();
    expect(empty.weeks).toEqual([]);
    expect(empty.satisfaction).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
  });

  it('many people asking at once get the same figures as one alone, whatever connections their parts take', async () => {
    const alone = await figures();
    const together = await Promise.all(Array.from({ length: 5 }, () => figures()));
    expect(together).toEqual(Array.from({ length: 5 }, () => alone));
  });
});
