import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { commitWithThisRoundTrip } from '../src/db/reserved-transaction.ts';
import { together } from '../src/db/together.ts';

/**
 * The least a transaction shaped like an allocation takes on this machine and server: BEGIN with
 * a one-row read, a second one-row read, then a one-row insert sent with the COMMIT, which waits
 * for the disk as the allocation's does. Those are the allocation's three round trips without its
 * work, so what an allocation takes above this is its own statements and JavaScript. Runs through
 * the same pool and transactions as the allocations, into a table of its own.
 */
export async function transactionFloor(db: Db): Promise<() => Promise<number>> {
  await db.execute(
    sql`create table if not exists bench_transaction_floor (id bigserial primary key, at timestamptz not null)`,
  );
  return async () => {
    const began = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await tx.execute(sql`select 2`);
      await together(
        tx.execute(sql`insert into bench_transaction_floor (at) values (now())`),
        commitWithThisRoundTrip(tx),
      );
    });
    return performance.now() - began;
  };
}
