import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { escapeMrkdwn, mention, truncate } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { orderChanges } from '../db/schema.ts';

/**
 * What the order's cards say about its changes: a request waiting for approval, why it was
 * cancelled, and its revision once it has been changed. Null when there is nothing to say.
 */
export async function changeNotice(
  db: DbOrTx,
  order: { id: number; status: string },
): Promise<string | null> {
  const notes: string[] = [];
  const [open] = await db
    .select()
    .from(orderChanges)
    .where(and(eq(orderChanges.orderId, order.id), eq(orderChanges.state, 'pending')));
  if (open) {
    const what = open.kind === 'cancel' ? 'Cancellation pending' : 'Change pending';
    notes.push(`:hourglass_flowing_sand: *${what}* — ${mention(open.requestedBy)}: ${quote(open.reason)}`);
  }
  if (order.status === 'cancelled') {
    const [cancel] = await db
      .select({ reason: orderChanges.reason })
      .from(orderChanges)
      .where(
        and(
          eq(orderChanges.orderId, order.id),
          eq(orderChanges.kind, 'cancel'),
          eq(orderChanges.state, 'applied'),
        ),
      )
      .orderBy(desc(orderChanges.id))
      .limit(1);
    if (cancel) notes.push(`:x: *Cancelled* — ${quote(cancel.reason)}`);
  }
  const [revised] = await db
    .select({ revision: orderChanges.revision })
    .from(orderChanges)
    .where(and(eq(orderChanges.orderId, order.id), isNotNull(orderChanges.revision)))
    .orderBy(desc(orderChanges.revision))
    .limit(1);
  if (revised?.revision) notes.push(`:pencil2: Revision ${revised.revision}`);
  return notes.length ? notes.join('\n') : null;
}

const quote = (reason: string) => escapeMrkdwn(truncate(reason, 300));
