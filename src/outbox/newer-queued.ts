import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import type { DeliveryRow } from './delivery.ts';
import type { CardKind } from './effects.ts';

type QueuedRow = Pick<DeliveryRow, 'id' | 'channel'>;

/**
 * Whether a later row of the same channel, still waiting, redraws the same card of the order:
 * then this row's update can be left to it. Read through `outbox_card_queue_idx` (the channel's
 * waiting card rows by order), so it costs the order's own queued rows, not everything queued in
 * the channel: a busy channel's backlog was scanned once per card update, and draining it took
 * time in the square of its length.
 */
export function newerCardQueued(
  db: DbOrTx,
  row: QueuedRow,
  orderId: number,
  card: CardKind,
): Promise<boolean> {
  return newerQueued(
    db,
    row,
    sql`${outbox.payload}->>'kind' = 'order_card' and (${outbox.payload}->>'orderId')::bigint = ${orderId}
      and coalesce(${outbox.payload}->>'card', 'order') = ${card}`,
  );
}

/**
 * Whether a later App Home row of the same person is waiting. A Home's pacing key holds only
 * that person's Home rows, so the first later waiting row answers.
 */
export function newerHomeQueued(db: DbOrTx, row: QueuedRow): Promise<boolean> {
  return newerQueued(db, row, sql`${outbox.payload}->>'kind' = 'home'`);
}

async function newerQueued(db: DbOrTx, row: QueuedRow, same: SQL): Promise<boolean> {
  const [newer] = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.channel, row.channel), gt(outbox.id, row.id), eq(outbox.status, 'pending'), same))
    .limit(1);
  return Boolean(newer);
}
