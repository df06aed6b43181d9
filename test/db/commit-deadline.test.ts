import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { transactionCommittedBy } from '../../src/db/commit-by.ts';
import { Deadline, DeadlineExceeded } from '../../src/db/deadline.ts';
import { keyedOrders } from '../support/keyed-orders.ts';

const { db, anOrder, stored } = keyedOrders();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an order transaction with a deadline', () => {
  it('a COMMIT that reaches the server after the deadline it set is refused there, and nothing is stored', async () => {
    const late = db().transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('orderdesk.commit_by', (transaction_timestamp() + interval '50 milliseconds')::text, true)`,
      );
      await anOrder(tx, 'late-commit');
      // As if the COMMIT sat in a hung connection's buffers past the deadline.
      await sleep(150);
    });
    await expect(late).rejects.toThrow(/commit deadline passed/);
    expect(await stored('late-commit')).toEqual([]);
  });

  it('committed within its deadline → stored', async () => {
    const order = await transactionCommittedBy(db(), Deadline.in(2000), (tx) => anOrder(tx, 'in-time'));
    expect((await stored('in-time')).map((o) => o.number)).toEqual([order.number]);
  });

  it('work that resumes after the caller gave up rolls back instead of committing', async () => {
    const resumed = transactionCommittedBy(db(), Deadline.in(300), async (tx) => {
      const order = await anOrder(tx, 'resumed-late');
      await sleep(400);
      return order;
    });
    await expect(resumed).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await stored('resumed-late')).toEqual([]);
  });

  it("a COMMIT the server refuses in the margin before the caller's deadline reaches the caller as 'not saved'", async () => {
    // The server's deadline falls 250 ms before ours: work ending between the two passes our own
    // check and is refused by the server's.
    const inTheMargin = transactionCommittedBy(db(), Deadline.in(400), async (tx) => {
      const order = await anOrder(tx, 'in-the-margin');
      await sleep(200);
      return order;
    });
    await expect(inTheMargin).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await stored('in-the-margin')).toEqual([]);
  });

  it('a deadline already passed → no transaction is started', async () => {
    const gone = Deadline.in(0);
    await expect(
      transactionCommittedBy(db(), gone, (tx) => anOrder(tx, 'never-started')),
    ).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await stored('never-started')).toEqual([]);
  });

  it('a transaction that sets no deadline is not affected by the check', async () => {
    await db().transaction(async (tx) => {
      await anOrder(tx, 'no-deadline');
      await sleep(50);
    });
    expect(await stored('no-deadline')).toHaveLength(1);
  });
});
