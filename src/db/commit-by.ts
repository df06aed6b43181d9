import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from './client.ts';
import { type Deadline, DeadlineExceeded } from './deadline.ts';
import { commitRequested, transactionBegan } from './reserved-transaction.ts';
import { together } from './together.ts';

/**
 * Time kept between the last moment the server may commit and the moment the caller gives up
 * and says "not saved": the commit's own write after its check, the wait for the disk after it
 * where an order's commit does not wait (db/early-commit.ts), and the answer's way out.
 */
const commitMarginMs = 250;

/**
 * Runs fn in a transaction that cannot commit once the deadline has passed, so a caller that
 * gave up can truthfully say nothing was saved. The commit may be in flight when we give up (a
 * hung connection delivers it later), so the server checks it: a deferred trigger on orders
 * (migration 0006) refuses a COMMIT after `orderdesk.commit_by`. That instant is written in the
 * server's own clock, from the transaction's start: the server began it before we heard back
 * from BEGIN, so its deadline falls no later than ours whatever the two clocks say. BEGIN goes
 * out with fn's first statements, and the deadline with its second: fn must not commit in its
 * first round trip.
 */
export async function transactionCommittedBy<T>(
  db: DbOrTx,
  deadline: Deadline,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  deadline.check();
  const work = db.transaction(async (tx) => {
    // Written once BEGIN's answer is back (with fn's first statements): the server began the
    // transaction before that, so its deadline falls no later than ours. Read only at COMMIT.
    const deadlineSet = transactionBegan(tx).then(() => {
      const budget = Math.floor(deadline.remainingMs() - commitMarginMs);
      if (budget <= 0) deadline.check();
      return tx.execute(
        sql`select set_config('orderdesk.commit_by',
            (transaction_timestamp() + ${Math.max(0, budget)} * interval '1 millisecond')::text, true)`,
      );
    });
    const [, result] = await together(deadlineSet, fn(tx));
    // Work resumed after the caller gave up rolls back here rather than at the trigger. A COMMIT
    // sent already (commitWithThisRoundTrip) was the server's to refuse, and it did not.
    if (!commitRequested(tx)) deadline.check();
    return result;
  });
  // The server's refusal at COMMIT says what the caller's own check says: nothing was stored.
  // It can come first, since the server's deadline is set a margin before ours.
  return work.catch((error: unknown) => {
    throw refusedAtCommit(error) ? new DeadlineExceeded() : error;
  });
}

/** The error the deferred trigger of migration 0008 raises (SQLSTATE 57014, its own words). */
function refusedAtCommit(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '57014' && e.message.startsWith('commit deadline passed'))
      return true;
  }
  return false;
}
