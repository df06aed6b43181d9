import type { Step } from '../../orders/move-order.ts';

/*
 * How a department's step moves the order itself (issue: "Production's Start moves the order to
 * in_production, its last Done to ready"; logistics' Done ships it). Other departments' steps —
 * finance checking a prepayment, QA inspecting — move the work along the route, not the order's
 * status. Pure: the use case brings the order's status and the departments still to come.
 */

export function movesOnStart(orderStatus: string, departmentKey: string): Step[] {
  return departmentKey === 'production' && orderStatus === 'allocated'
    ? [{ action: 'start_production' }]
    : [];
}

/**
 * `later` holds the department keys of the route's steps after this one, in order. The order is
 * ready once nothing but shipping is left: production finishing does not make it ready while a
 * QA inspection (or any other department's step) still stands between it and logistics, or the
 * card would say "ready to ship" with work open. Logistics makes it ready on the way out if
 * nobody did.
 */
export function movesOnDone(orderStatus: string, departmentKey: string, later: readonly string[]): Step[] {
  const toReady: Step[] =
    orderStatus === 'allocated'
      ? [{ action: 'start_production' }, { action: 'finish_production' }]
      : orderStatus === 'in_production'
        ? [{ action: 'finish_production' }]
        : [];
  if (departmentKey === 'logistics') return [...toReady, { action: 'ship' }];
  const shippingNext = later.length === 0 || later[0] === 'logistics';
  return shippingNext ? toReady : [];
}
