import { and, eq } from 'drizzle-orm';
import type { Actor } from '../auth/roles.ts';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { customerMessages, customers, orders } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendOrderEvent } from '../orders/order-store.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';

export type CustomerMessageRow = typeof customerMessages.$inferSelect;

export interface Sent {
  message: CustomerMessageRow;
  orderNumber: string;
  /** False when it had been sent already: nothing was posted this time. */
  now: boolean;
}

/** The message with its order's number and the customer's channel, for its owner (or an admin). */
export async function findCustomerMessage(tx: DbOrTx, actor: Actor, id: number) {
  const [found] = await tx
    .select({ message: customerMessages, number: orders.number, channel: customers.connectChannelId })
    .from(customerMessages)
    .innerJoin(orders, eq(orders.id, customerMessages.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(customerMessages.id, id));
  if (!found) throw new AppError('not_found', 'That customer message no longer exists.');
  const { message } = found;
  if (actor.userId !== message.offeredTo && !actor.roles.includes('admin'))
    throw new AppError(
      'forbidden',
      `Only ${mention(message.offeredTo)}, who owns ${found.number}, or an admin can send this message.`,
    );
  return found;
}

/** The text as the owner edited it, before it is sent; a message already sent stays as sent. */
export async function saveCustomerMessageText(
  ctx: UseCaseContext,
  actor: Actor,
  id: number,
  text: string,
): Promise<CustomerMessageRow> {
  return ctx.db.transaction(async (tx) => {
    const { message, number } = await findCustomerMessage(tx, actor, id);
    const [saved] = await tx
      .update(customerMessages)
      .set({ text })
      .where(and(eq(customerMessages.id, id), eq(customerMessages.status, 'offered')))
      .returning();
    if (!saved) throw alreadySent(number, message);
    return saved;
  });
}

const alreadySent = (number: string, m: CustomerMessageRow) =>
  new AppError(
    'conflict',
    `This message about ${number} was already sent${m.sentBy ? ` by ${mention(m.sentBy)}` : ''}; it stays as it was.`,
  );

/**
 * Send: the message goes to the customer's Slack Connect channel through the outbox (or, when
 * the customer has none, is marked given to copy), and its text goes on the order's timeline.
 * Only the first Send does anything; a second (a double click, Slack's retry) finds it sent.
 */
export async function sendCustomerMessage(ctx: UseCaseContext, actor: Actor, id: number): Promise<Sent> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { message, number, channel } = await findCustomerMessage(tx, actor, id);
    const [sent] = await tx
      .update(customerMessages)
      .set({ status: 'sent', channel, sentBy: actor.userId, sentAt: now })
      .where(and(eq(customerMessages.id, id), eq(customerMessages.status, 'offered')))
      .returning();
    if (!sent) {
      const [current] = await tx.select().from(customerMessages).where(eq(customerMessages.id, id));
      return { message: current ?? message, orderNumber: number, now: false };
    }
    if (channel)
      await enqueue(tx, now, [textMessage(`custmsg-send:${id}`, channel, escapeMrkdwn(sent.text))]);
    await appendOrderEvent(tx, sent.orderId, actor.userId, now, {
      type: 'customer_message_sent',
      data: { messageId: id, reason: sent.reason, text: sent.text, channel },
    });
    return { message: sent, orderNumber: number, now: true };
  });
}
