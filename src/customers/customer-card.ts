import { type Block, escapeMrkdwn, fields, header, mention } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { StoredCustomer } from './customer-input.ts';
import { customerTier } from './customer-tiers.ts';
import { paymentMethod } from './payment-methods.ts';

/** The customer's terms at a glance, shown after a save; `/order customer` shows the whole history. */
export function customerCard(c: StoredCustomer): Block[] {
  const terms = c.paymentMethods.map(paymentMethod.labelOf).join(', ');
  return [
    header(`${c.code} — ${c.name}`),
    fields([
      `*Tier*\n${escapeMrkdwn(customerTier.labelOf(c.tier))}`,
      `*Payment terms*\n${escapeMrkdwn(terms || 'none')}`,
      `*Credit limit*\n${formatCents(c.creditLimitCents)}`,
      `*Outstanding receivables*\n${formatCents(c.outstandingCents)}`,
      // What is available depends on the open orders too: `/order customer CODE` shows the figure the credit check uses.
      `*Credit used and available*\n\`/order customer ${c.code}\``,
      `*Credit stop*\n${c.creditStop ? ':no_entry: yes — no new orders' : 'no'}`,
      `*Account owner*\n${c.accountOwnerId ? mention(c.accountOwnerId) : 'nobody yet'}`,
      `*Slack Connect channel*\n${c.connectChannelId ? `<#${c.connectChannelId}>` : 'none'}`,
    ]),
  ];
}
