import { describeStatus } from '../orders/order-states.ts';

/** Why the customer is told something: what an offer is for, and what its draft opens with. */
export const messageReasons = [
  'progress',
  'exception_raised',
  'exception_resolved',
  'change_applied',
  'cancelled',
  'delivered',
] as const;
export type MessageReason = (typeof messageReasons)[number];

/** Everything a draft says, gathered from the order (and from the caller, for what happened). */
export interface MessageFacts {
  reason: MessageReason;
  orderNumber: string;
  customerName: string;
  customerPo: string | null;
  status: string;
  /** Of the order's route, 0–100. */
  progressPercent: number;
  /** When the customer can expect it: the carrier's date once shipped, else the promised date. */
  expectedDate: string;
  /** A date that changed (an exception's or a change's new delivery date). */
  newDate?: string | null;
  /** What happened, in the caller's words: "a machine broke down", "quantity 10 → 12". */
  what?: string | null;
  /** What we do about it: "parts are ordered, production resumes Monday". */
  action?: string | null;
  /** On delivery: the guides of the products delivered, by product name. */
  guides?: readonly { product: string; url: string }[];
}

const headlines: Record<MessageReason, (order: string) => string> = {
  progress: (order) => `here is an update on your order ${order}.`,
  exception_raised: (order) => `we have run into a problem with your order ${order}.`,
  exception_resolved: (order) => `the problem with your order ${order} is solved.`,
  change_applied: (order) => `the change to your order ${order} is made.`,
  cancelled: (order) => `your order ${order} is cancelled.`,
  delivered: (order) => `your order ${order} has been delivered.`,
};

/** "on 2026-12-20" reads the same to a customer in any country. */
const onDate = (date: string) => `on ${date}`;

/**
 * The message orderdesk proposes to send the customer: what happened, what we do, where the
 * order stands and when to expect it. Plain text: the owner edits it, and it may be copied
 * into an e-mail as well as posted to a Slack Connect channel.
 */
export function draftCustomerMessage(f: MessageFacts): string {
  const order = f.customerPo ? `${f.orderNumber} (your reference ${f.customerPo})` : f.orderNumber;
  const lines = [`Hello ${f.customerName}, ${headlines[f.reason](order)}`];
  if (f.what?.trim()) lines.push(`What happened: ${f.what.trim()}`);
  if (f.action?.trim()) lines.push(`What we do: ${f.action.trim()}`);
  if (f.reason !== 'cancelled' && f.reason !== 'delivered') {
    const progress = f.progressPercent > 0 ? `, about ${f.progressPercent}% done` : '';
    lines.push(`Where it stands: ${describeStatus(f.status)}${progress}.`);
    lines.push(
      f.newDate && f.newDate !== f.expectedDate
        ? `New delivery date: ${f.newDate} (it was ${f.expectedDate}).`
        : `We expect to deliver it ${onDate(f.newDate ?? f.expectedDate)}.`,
    );
  }
  if (f.reason === 'delivered' && f.guides?.length) {
    lines.push('Guides for what you received:');
    for (const g of f.guides) lines.push(`• ${g.product}: ${g.url}`);
  }
  lines.push(
    f.reason === 'delivered' || f.reason === 'cancelled'
      ? 'Thank you for your order. Reply here with any question.'
      : 'We will keep you posted. Reply here with any question.',
  );
  return lines.join('\n');
}

/** How far the order's route is: each step counts equally, a finished one as 100 %. */
export function routeProgress(steps: readonly { status: string; progress: number }[]): number {
  const counted = steps.filter((s) => s.status !== 'cancelled');
  if (counted.length === 0) return 0;
  const sum = counted.reduce((total, s) => total + (s.status === 'done' ? 100 : s.progress), 0);
  return Math.round(sum / counted.length);
}
