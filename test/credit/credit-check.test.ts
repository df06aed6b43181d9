import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCredit } from '../../src/credit/credit-check.ts';
import { exposureStatuses } from '../../src/orders/customer-credit.ts';

const acme = {
  creditLimitCents: 5_000_000,
  outstandingCents: 1_720_000,
  openOrdersCents: 3_100_000,
  orderCents: 500_000,
  creditStop: false,
};

describe('the credit check of a new order', () => {
  it('holds an order that takes the customer over the limit, with figures finance can follow', () => {
    expect(checkCredit(acme)).toEqual({
      verdict: 'hold',
      reason: 'over_limit',
      exposureCents: 4_820_000,
      limitCents: 5_000_000,
      orderCents: 500_000,
      openOrdersCents: 3_100_000,
      outstandingCents: 1_720_000,
      overByCents: 320_000,
      message:
        'Exposure 48,200.00 (open orders 31,000.00 + receivables 17,200.00) plus this order 5,000.00 exceeds the credit limit 50,000.00 by 3,200.00.',
    });
  });

  it('confirms an order that reaches the limit exactly', () => {
    expect(checkCredit({ ...acme, orderCents: 180_000 })).toMatchObject({
      verdict: 'ok',
      exposureCents: 4_820_000,
    });
  });

  it('holds every order of a customer on credit stop, however small', () => {
    const verdict = checkCredit({ ...acme, orderCents: 100, creditStop: true });
    expect(verdict).toMatchObject({ verdict: 'hold', reason: 'credit_stop', overByCents: 0 });
    expect(verdict.verdict === 'hold' && verdict.message).toBe(
      'The customer is on credit stop. Exposure 48,200.00 (open orders 31,000.00 + receivables 17,200.00) plus this order 1.00 is within the credit limit 50,000.00.',
    );
  });

  it('counts a customer in credit (negative receivables) in their favour', () => {
    expect(checkCredit({ ...acme, outstandingCents: -500_000, orderCents: 2_000_000 }).verdict).toBe('ok');
  });

  it('holds any order of a customer with no credit limit', () => {
    const verdict = checkCredit({
      ...acme,
      creditLimitCents: 0,
      outstandingCents: 0,
      openOrdersCents: 0,
      orderCents: 1,
    });
    expect(verdict).toMatchObject({ verdict: 'hold', reason: 'over_limit', overByCents: 1 });
  });

  it('refuses figures that are not whole cents rather than deciding on them', () => {
    expect(() => checkCredit({ ...acme, orderCents: Number.NaN })).toThrow(RangeError);
    expect(() => checkCredit({ ...acme, outstandingCents: 12.5 })).toThrow(RangeError);
  });

  it('counts open orders as everything not completed or cancelled', () => {
    expect(exposureStatuses).not.toContain('completed');
    expect(exposureStatuses).not.toContain('cancelled');
    expect(exposureStatuses).toContain('on_hold');
    expect(exposureStatuses).toContain('delivered');
  });

  it('holds exactly when the customer is on credit stop or exposure plus the order passes the limit', () => {
    const cents = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(cents, cents, cents, cents, fc.boolean(), (limit, outstanding, open, order, stop) => {
        const verdict = checkCredit({
          creditLimitCents: limit,
          outstandingCents: outstanding,
          openOrdersCents: open,
          orderCents: order,
          creditStop: stop,
        });
        const over = open + outstanding + order - limit;
        expect(verdict.verdict).toBe(stop || over > 0 ? 'hold' : 'ok');
        if (verdict.verdict === 'hold') {
          expect(verdict.overByCents).toBe(Math.max(0, over));
          expect(verdict.reason).toBe(stop ? 'credit_stop' : 'over_limit');
        }
      }),
    );
  });
});
