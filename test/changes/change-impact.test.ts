import { describe, expect, it } from 'vitest';
import { assessCancellation, assessChange, type ChangeImpactInput } from '../../src/changes/change-impact.ts';
import type { OrderContent } from '../../src/changes/order-content.ts';

const widget = {
  sku: 'WIDGET-A',
  name: 'Widget A',
  listPriceCents: 1250,
  packSize: 1,
  minOrderQty: 1,
  leadTimeDays: 5,
};
const before: OrderContent = {
  deliveryDate: '2026-12-20',
  paymentMethod: 'net30',
  lines: [{ sku: 'WIDGET-A', spec: 'zinc plated', quantity: 100, unitPriceCents: 1250 }],
};
const production = {
  departmentId: 1,
  departmentKey: 'production',
  departmentName: 'Production',
  status: 'started' as const,
  progress: 0,
  dailyCapacity: 100,
  capacityUnit: 'units' as const,
  load: [],
};
const logistics = {
  ...production,
  departmentId: 2,
  departmentKey: 'logistics',
  departmentName: 'Logistics',
  status: 'pending' as const,
  dailyCapacity: 0,
};

function input(after: Partial<OrderContent>, over: Partial<ChangeImpactInput> = {}): ChangeImpactInput {
  return {
    orderNumber: 'SO-2026-000001',
    status: 'in_production',
    statusBeforeHold: null,
    before,
    after: { ...before, ...after },
    today: '2026-11-27',
    review: {
      customerCode: 'ACME',
      customer: { code: 'ACME', name: 'Acme', paymentMethods: ['net30', 'prepaid'] },
      products: new Map([['WIDGET-A', widget]]),
      policy: { priceWarnPercent: 15, priceFloorPercent: 50 },
      deliveryHorizonDays: 365,
    },
    credit: { creditLimitCents: 5_000_000, outstandingCents: 0, openOrdersCents: 0, creditStop: false },
    steps: [production, logistics],
    finance: { departmentId: 9, name: 'Finance' },
    ...over,
  };
}
const more = (quantity: number) => ({
  lines: [{ ...before.lines[0], quantity } as OrderContent['lines'][number]],
});

describe('the impact of a change request', () => {
  it('a quantity raised during production: the difference, production asked, logistics not yet', () => {
    const impact = assessChange(input(more(150)));
    expect(impact.refusal).toBeNull();
    expect(impact.diff).toEqual([{ field: 'line 1 (WIDGET-A) quantity', before: '100', after: '150' }]);
    expect([impact.beforeCents, impact.afterCents, impact.differenceCents]).toEqual([
      125_000, 187_500, 62_500,
    ]);
    expect(impact.approvers.map((a) => a.name)).toEqual(['Production']);
    expect(impact.credit.verdict).toBe('ok');
  });

  it('a quantity that passes the credit limit asks finance too, with the credit verdict', () => {
    const impact = assessChange(input(more(4001)));
    expect(impact.credit.verdict).toBe('hold');
    expect(impact.approvers.map((a) => a.name)).toEqual(['Production', 'Finance']);
  });

  it('a lower value on an order already over its limit does not go back to finance', () => {
    const impact = assessChange(
      input(more(90), {
        credit: { creditLimitCents: 1000, outstandingCents: 0, openOrdersCents: 0, creditStop: false },
      }),
    );
    expect(impact.credit.verdict).toBe('hold');
    expect(impact.approvers.map((a) => a.name)).toEqual(['Production']);
  });

  it('a price change alone affects no department', () => {
    const impact = assessChange(
      input({ lines: [{ ...before.lines[0], unitPriceCents: 1200 } as OrderContent['lines'][number]] }),
    );
    expect(impact.approvers).toEqual([]);
    expect(impact.diff[0]?.field).toBe('line 1 (WIDGET-A) unit price');
  });

  it('capacity: 1000 more units at 100 a day do not fit by the date; the earliest date is given', () => {
    const impact = assessChange(input(more(2500)));
    expect(impact.departments.find((d) => d.key === 'production')?.fitsOn).toBe('2026-12-21');
  });

  it('the intake review runs again: a price under the floor is an error', () => {
    const impact = assessChange(
      input({ lines: [{ ...before.lines[0], unitPriceCents: 100 } as OrderContent['lines'][number]] }),
    );
    expect(impact.findings.some((f) => f.severity === 'error' && f.rule === 'unit_price_below_floor')).toBe(
      true,
    );
  });

  it('after shipping, quantities are refused with the reason; the payment method may still change', () => {
    const shipped = { status: 'shipped' };
    expect(assessChange(input(more(150), shipped)).refusal).toContain('its goods have left');
    expect(assessChange(input({ paymentMethod: 'prepaid' }, shipped)).refusal).toBeNull();
  });

  it('nothing changed is refused', () => {
    expect(assessChange(input({})).refusal).toContain('Nothing here differs');
  });
});

describe('cancelling an order', () => {
  const steps = [production, logistics];
  it('before production: no approval needed', () => {
    expect(
      assessCancellation({ orderNumber: 'SO-1', status: 'allocated', statusBeforeHold: null, steps }),
    ).toEqual({
      refusal: null,
      approvers: [],
    });
  });
  it('in production (also held from it): the departments whose work began approve', () => {
    for (const [status, statusBeforeHold] of [
      ['in_production', null],
      ['on_hold', 'in_production'],
    ] as const) {
      const impact = assessCancellation({ orderNumber: 'SO-1', status, statusBeforeHold, steps });
      expect(impact.refusal === null && impact.approvers.map((a) => a.name)).toEqual(['Production']);
    }
  });
  it('shipped: refused with the reason', () => {
    const impact = assessCancellation({
      orderNumber: 'SO-1',
      status: 'shipped',
      statusBeforeHold: null,
      steps,
    });
    expect(impact.refusal).toContain("SO-1 is shipped, so it can't be cancelled");
  });
});
