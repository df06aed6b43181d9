import { and, eq, inArray, isNotNull, like } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { slackMessages } from '../db/schema.ts';

/**
 * Where each order's card can be opened: its card in a channel (a DM card is only its owner's),
 * as a Slack archive link to the message.
 */
export async function orderCardLinks(db: DbOrTx, orderIds: readonly number[]): Promise<Map<number, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .select({ orderId: slackMessages.orderId, channel: slackMessages.channel, ts: slackMessages.ts })
    .from(slackMessages)
    .where(
      and(
        inArray(slackMessages.orderId, [...new Set(orderIds)]),
        eq(slackMessages.card, 'order'),
        isNotNull(slackMessages.ts),
        like(slackMessages.channel, 'C%'),
      ),
    );
  const links = new Map<number, string>();
  for (const r of rows) {
    if (!links.has(r.orderId) && r.ts)
      links.set(r.orderId, `https://slack.com/archives/${r.channel}/p${r.ts.replace('.', '')}`);
  }
  return links;
}
