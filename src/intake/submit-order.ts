import { eq, sql } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/roles.ts';
import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import { type CreditVerdict, checkCredit } from '../credit/credit-check.ts';
import type { Db, DbOrTx, Tx } from '../db/client.ts';
import { transactionCommittedBy } from '../db/commit-by.ts';
import { type Deadline, DeadlineExceeded } from '../db/deadline.ts';
import { waitForDisk } from '../db/early-commit.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { orders } from '../db/schema.ts';
import { together } from '../db/together.ts';
import { confirmAndAllocate } from '../flows/confirm-and-allocate.ts';
import { insertOrder, type NewOrder, orderTotalCents } from '../orders/create-order.ts';
import { customerCredit } from '../orders/customer-credit.ts';
import { movedOrder, moveOrder, type Step } from '../orders/move-order.ts';
import { showOrderCard } from '../orders/order-cards.ts';
import { appendOrderEvents, type OrderRow } from '../orders/order-store.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { planRoute, readPlanLoads, routeInputsFor } from '../routing/allocate-order.ts';
import { findDepartment } from '../routing/allocation-store.ts';
import type { CatalogFacts } from './review/review-draft.ts';
import type { Finding, ReviewedOrder } from './review/review-rules.ts';

export interface Submission {
  order: ReviewedOrder;
  /** The customer's and products' ids and traits, as the review read them. */
  catalog: CatalogFacts;
  /** Warnings the admin saw and confirmed. */
  warnings: readonly Finding[];
  /** The modal it came from: a second delivery of the same submission finds the first order. */
  intakeKey: string;
  /** When the admin is told the outcome: an order not committed by then is never committed. */
  deadline?: Deadline;
}

export interface Submitted {
  order: OrderRow;
  held: boolean;
  /** True when this submission had already made the order. */
  repeated: boolean;
}

/**
 * Stores a reviewed order and decides it: the customer's credit is checked, and the order is
 * confirmed (and allocated to its departments) at once, or held for finance, whose channel gets
 * a hold card with Approve/Reject.
 * The admin's DM card shows the outcome. One transaction, which cannot commit after the
 * submission's deadline.
 */
export async function submitOrder(
  ctx: UseCaseContext,
  actor: Actor,
  submission: Submission,
): Promise<Submitted> {
  requireRole(actor, ['admin'], 'create orders');
  // No look for an earlier order first: that costs every submission a round trip for the rare
  // repeat, which the unique intake key refuses at the insert (rolling back the number with it),
  // and the catch below finds.
  const now = ctx.clock.now();
  const inTransaction = <T>(fn: (tx: Tx) => Promise<T>) =>
    submission.deadline ? transactionCommittedBy(ctx.db, submission.deadline, fn) : ctx.db.transaction(fn);
  let submitted: Submitted;
  try {
    submitted = await inTransaction(async (tx) => {
      const { order: reviewed, catalog } = submission;
      // Read before the order is stored: from insertOrder to COMMIT the transaction holds the
      // year's number counter, which every other order waits for, so that stretch is kept to
      // two round trips. The new order is not in the credit sum yet, as the check wants. The
      // route's traits are known from the review, so its inputs need not wait for the counter.
      const lines = reviewed.lines.map((line) => ({ line, product: reviewedProduct(catalog, line.sku) }));
      const [position, routing] = await together(
        customerCredit(tx, catalog.customerId),
        routeInputsFor(tx, {
          categories: [...new Set(lines.map(({ product }) => product.category))],
          tier: catalog.tier,
          units: reviewed.lines.reduce((sum, l) => sum + l.quantity, 0),
        }),
      );
      const draft: NewOrder = {
        customerId: catalog.customerId,
        deliveryDate: reviewed.deliveryDate,
        paymentMethod: reviewed.paymentMethod,
        customerPo: reviewed.customerPo,
        notes: reviewed.notes,
        ownerId: actor.userId,
        intakeKey: submission.intakeKey,
        lines: lines.map(({ line, product }) => ({
          productId: product.id,
          spec: line.spec,
          quantity: line.quantity,
          unitPriceCents: line.unitPriceCents,
        })),
      };
      const totalCents = orderTotalCents(draft.lines);
      const credit = checkCredit({ ...position, orderCents: totalCents });
      const store = () => insertOrder(tx, now, ctx.timeZone, draft);
      // The first round trip under the counter stores the order with what deciding it reads
      // (sent after the insert, so still in the order the counter gives); the second writes the
      // decision, and commits.
      if (credit.verdict === 'ok') {
        const plan = planRoute(routing, { ...draft, totalCents }, calendarDate(now, ctx.timeZone));
        const [order, loads] = await together(store(), readPlanLoads(tx, plan));
        const [, allocated] = await together(
          recordReview(tx, now, order, actor, submission.warnings, credit),
          confirmAndAllocate(ctx, tx, now, {
            order,
            expectedVersion: order.version,
            steps: [{ action: 'confirm' }],
            actor: actor.userId,
            known: { inputs: routing, loads },
            // Its COMMIT goes with the decision's writes: the counter is free once they are run.
            endsTransaction: true,
          }),
        );
        return { order: allocated, held: false, repeated: false };
      }
      const [order, finance] = await together(store(), findDepartment(tx, 'finance'));
      const steps: Step[] = [
        { action: 'hold', reason: 'credit', hold: { kind: 'credit', reason: credit.message } },
      ];
      const [, held] = await together(
        recordReview(tx, now, order, actor, submission.warnings, credit),
        moveOrder(tx, { now, order, expectedVersion: order.version, steps, actor: actor.userId }),
        askFinance(tx, now, movedOrder(order, steps, now), finance),
      );
      return { order: held, held: true, repeated: false };
    });
  } catch (error) {
    if (error instanceof DeadlineExceeded) throw error;
    // A second delivery of one submission: the first one stored the order.
    const raced = await findByIntakeKey(ctx.db, submission.intakeKey);
    if (raced) return { order: raced, held: raced.status === 'on_hold', repeated: true };
    throw error;
  }
  // insertOrder's transaction commits without waiting for the disk.
  await waitForDisk(ctx.db);
  return submitted;
}

/** A reviewed line's product: the review found every one it passed. */
function reviewedProduct(catalog: CatalogFacts, sku: string) {
  const product = catalog.products.get(sku);
  if (!product) throw new Error(`${sku} passed the review but is not in what it read`);
  return product;
}

/** The review's warnings and the credit check, recorded on the order after its `received`. */
function recordReview(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  actor: Actor,
  warnings: readonly Finding[],
  credit: CreditVerdict,
) {
  return appendOrderEvents(tx, order.id, actor.userId, now, [
    {
      type: 'reviewed',
      data: { findings: warnings.map(({ rule, severity, message }) => ({ rule, severity, message })) },
    },
    {
      type: 'credit_checked',
      data: {
        verdict: credit.verdict,
        exposureCents: credit.exposureCents,
        limitCents: credit.limitCents,
        orderCents: credit.orderCents,
        ...(credit.verdict === 'hold' ? { reason: credit.reason, message: credit.message } : {}),
      },
    },
  ]);
}

async function askFinance(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  finance: { channelId: string | null } | undefined,
): Promise<void> {
  if (finance?.channelId) {
    await showOrderCard(tx, now, order, finance.channelId, 'credit_hold');
    return;
  }
  await enqueue(tx, now, [
    textMessage(
      `no-finance-channel:${order.id}`,
      order.ownerId,
      `:warning: ${order.number} is on credit hold, but the finance department has no Slack channel, ` +
        'so nobody was asked to decide. Ask an admin to give finance a channel.',
    ),
  ]);
}

/** Every Submit looks for the order an earlier delivery of it made. */
const byIntakeKey = preparedPerDatabase((db) =>
  db
    .select()
    .from(orders)
    .where(eq(orders.intakeKey, sql.placeholder('key')))
    .prepare('order_by_intake_key'),
);

/**
 * The order a submission already made, if any, once it is on disk: the delivery that made it
 * may still be waiting for its commit to get there (insertOrder's commit does not wait).
 */
export async function findByIntakeKey(db: Db, key: string): Promise<OrderRow | null> {
  const [row] = await byIntakeKey(db).execute({ key });
  if (!row) return null;
  await waitForDisk(db);
  return row;
}
