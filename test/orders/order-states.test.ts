import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, orderActions, orderStatuses, transition } from '../../src/orders/order-states.ts';

describe('the order state machine', () => {
  it('walks the happy path from received to completed', () => {
    const path = [
      'confirm',
      'allocate',
      'start_production',
      'finish_production',
      'ship',
      'deliver',
      'complete',
    ] as const;
    let status: (typeof orderStatuses)[number] = 'received';
    for (const action of path) {
      const move = transition(status, action);
      expect(move.ok, `${action} from ${status}`).toBe(true);
      if (move.ok) status = move.to;
    }
    expect(status).toBe('completed');
  });

  it('a hold remembers where the order was, and releasing goes back there', () => {
    expect(transition('in_production', 'hold')).toEqual({ ok: true, to: 'on_hold' });
    expect(transition('on_hold', 'release', 'in_production')).toEqual({ ok: true, to: 'in_production' });
  });

  it('refuses to cancel a shipped order and says what is possible instead', () => {
    const move = transition('shipped', 'cancel');
    expect(move).toEqual({
      ok: false,
      message: "The order is shipped, so you can't cancel it. From here you can: mark delivered.",
    });
  });

  it('says when nothing more can happen', () => {
    const move = transition('cancelled', 'confirm');
    expect(move.ok).toBe(false);
    if (!move.ok) expect(move.message).toContain('Nothing more can happen to it.');
  });

  it('every refusal names only moves that are really allowed from that state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...orderStatuses), fc.constantFrom(...orderActions), (from, action) => {
        const move = transition(from, action);
        expect(allowedActions(from).includes(action)).toBe(move.ok);
        if (!move.ok) expect(move.message).toMatch(/^The order is /);
      }),
    );
  });

  it('cancellation is possible before shipping and never after', () => {
    for (const status of orderStatuses) {
      const canCancel = transition(status, 'cancel').ok;
      expect(canCancel, status).toBe(!['shipped', 'delivered', 'completed', 'cancelled'].includes(status));
    }
  });
});
