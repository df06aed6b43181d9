import { AppError } from '../errors.ts';

/**
 * Separation of duties: whoever entered an order does not decide its own credit hold, so a
 * credit limit always has a second pair of eyes. A one-person desk turns this off
 * (ORDERDESK_SELF_APPROVAL=true), since nobody else could ever decide.
 */
export function refuseOwnCreditDecision(
  order: { number: string; ownerId: string },
  deciderId: string,
  selfApprovalAllowed: boolean,
): void {
  if (selfApprovalAllowed || order.ownerId !== deciderId) return;
  throw new AppError(
    'forbidden',
    `You entered ${order.number}, so someone else in Finance decides its credit hold (separation of duties).`,
  );
}
