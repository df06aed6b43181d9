import { addDays, compareDates, parseIsoDate } from '../../calendar.ts';
import { characterCount, formatCount, plural, shown } from '../../wording.ts';
import { filled } from '../order-draft.ts';
import { type CatalogCustomer, error, type Finding, type ReviewInput, textLimits } from './review-types.ts';

/** The header fields once reviewed; each is null when its rules found an error. */
export interface ReviewedHeader {
  customer: CatalogCustomer | null;
  customerPo: string | null;
  deliveryDate: string | null;
  paymentMethod: string | null;
  notes: string;
}

/** The product that takes longest to make decides the earliest delivery. */
export interface LongestLeadTime {
  sku: string;
  days: number;
}

export function reviewHeader(input: ReviewInput, leadTime: LongestLeadTime | null, findings: Finding[]) {
  const { draft } = input;
  const customerCode = filled(draft.customerCode);
  if (customerCode === null) findings.push(error('customer_missing', 'customer', 'Choose a customer.'));
  else if (!input.customer) {
    findings.push(
      error('customer_unknown', 'customer', `No customer has the code “${shown(customerCode)}”.`),
    );
  }
  const header: ReviewedHeader = {
    customer: customerCode === null ? null : input.customer,
    customerPo: reviewCustomerPo(draft.customerPo, input.poUsedBy, findings),
    deliveryDate: reviewDeliveryDate(draft.deliveryDate, input, leadTime, findings),
    paymentMethod: reviewPaymentMethod(draft.paymentMethod, input.customer, findings),
    notes: reviewNotes(draft.notes, findings),
  };
  return header;
}

/** Surrounding spaces are never part of a customer's reference, so the PO is stored trimmed. */
function reviewCustomerPo(typed: string | null, usedBy: string | null, findings: Finding[]): string | null {
  const po = filled(typed);
  if (po === null) return null;
  const length = characterCount(po);
  if (length > textLimits.customerPo) {
    const message = `The customer PO is ${formatCount(length)} characters long; it can be at most ${textLimits.customerPo}.`;
    findings.push(error('customer_po_too_long', 'customer_po', message));
  }
  const other = filled(usedBy);
  if (other !== null) {
    findings.push(error('customer_po_used', 'customer_po', `${shown(po)} is already used by ${other}.`));
  }
  return po;
}

function reviewDeliveryDate(
  typed: string | null,
  { today: todayText, deliveryHorizonDays }: Pick<ReviewInput, 'today' | 'deliveryHorizonDays'>,
  leadTime: LongestLeadTime | null,
  findings: Finding[],
): string | null {
  const text = filled(typed);
  if (text === null) {
    findings.push(
      error('delivery_date_missing', 'delivery_date', 'Enter a delivery date, such as 2026-12-20.'),
    );
    return null;
  }
  const date = parseIsoDate(text);
  if (!date.ok) {
    findings.push(error('delivery_date_invalid', 'delivery_date', date.message));
    return null;
  }
  const today = parseIsoDate(typeof todayText === 'string' ? todayText : '');
  if (!today.ok) {
    const message = "Today's business date is not known, so the delivery date can't be checked. Try again.";
    findings.push(error('business_date_unknown', 'delivery_date', message));
    return null;
  }
  const latest = addDays(today.value, deliveryHorizonDays);
  if (compareDates(date.value, latest) > 0) {
    const message = `${date.value} is more than ${plural(deliveryHorizonDays, 'day', 'days')} ahead; the latest is ${latest}. Check the year.`;
    findings.push(error('delivery_date_too_far', 'delivery_date', message));
    return null;
  }
  const earliest = addDays(today.value, leadTime?.days ?? 0);
  if (compareDates(date.value, earliest) >= 0) return date.value;
  const why = leadTime ? `${leadTime.sku} takes ${plural(leadTime.days, 'day', 'days')}` : 'today';
  const feasible = `Earliest feasible delivery is ${earliest} (${why}).`;
  if (compareDates(date.value, today.value) < 0) {
    findings.push(error('delivery_date_past', 'delivery_date', `${date.value} is in the past. ${feasible}`));
  } else {
    findings.push(error('delivery_date_too_soon', 'delivery_date', `${date.value} is too soon. ${feasible}`));
  }
  return null;
}

/** Stored in the customer's own spelling (`NET30` typed, `net30` on file). */
function reviewPaymentMethod(
  typed: string | null,
  customer: CatalogCustomer | null,
  findings: Finding[],
): string | null {
  const method = filled(typed);
  if (method === null) {
    findings.push(error('payment_method_missing', 'payment_method', 'Choose a payment method.'));
    return null;
  }
  if (!customer) return method;
  const allowed = Array.isArray(customer.paymentMethods) ? customer.paymentMethods : [];
  const match = allowed.find((m) => m.trim().toLowerCase() === method.toLowerCase());
  if (match !== undefined) return match.trim();
  const message = allowed.length
    ? `${customer.name} can't pay by ${shown(method)}: allowed are ${allowed.join(', ')}.`
    : `${customer.name} has no payment method on file: ask finance to add one.`;
  findings.push(error('payment_method_not_allowed', 'payment_method', message));
  return null;
}

/** Notes are kept exactly as typed, line breaks and all. */
function reviewNotes(typed: string | null, findings: Finding[]): string {
  const notes = typeof typed === 'string' && filled(typed) !== null ? typed : '';
  const length = characterCount(notes);
  if (length > textLimits.notes) {
    const message = `The notes are ${formatCount(length)} characters long; they can be at most ${formatCount(textLimits.notes)}.`;
    findings.push(error('notes_too_long', 'notes', message));
  }
  return notes;
}
