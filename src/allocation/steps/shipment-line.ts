import { escapeMrkdwn } from '../../blocks/block-kit.ts';
import { trackingUrl } from './tracking-links.ts';

export interface ShipmentFacts {
  carrier: string;
  trackingNumber: string;
  expectedDate: string;
}

/**
 * The shipping line of an order's card: carrier, tracking (a link where the carrier has a known
 * tracking page) and the expected date, warned about when it is later than the date promised
 * to the customer, so the owner can tell them before they ask.
 */
export function shipmentLine(shipment: ShipmentFacts, promisedDate: string): string {
  const url = trackingUrl(shipment.carrier, shipment.trackingNumber);
  const number = escapeMrkdwn(shipment.trackingNumber);
  const tracking = url ? `<${url}|${number}>` : `\`${number}\``;
  const line = `${escapeMrkdwn(shipment.carrier)} · tracking ${tracking} · expected ${shipment.expectedDate}`;
  return shipment.expectedDate > promisedDate
    ? `${line}\n:warning: Expected after the promised delivery date ${promisedDate}.`
    : line;
}

/** Why an expected delivery date cannot be taken: one in the past is a typing mistake. */
export function expectedDateProblem(expectedDate: string, today: string): string | null {
  return expectedDate < today ? `${expectedDate} is in the past; today is ${today}.` : null;
}
