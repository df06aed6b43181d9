import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { commitRequested, commitWithThisRoundTrip } from '../../src/db/reserved-transaction.ts';
import { queryRows } from '../../src/db/rows.ts';
import { together } from '../../src/db/together.ts';
import { messages, sqlState } from '../support/error-chain.ts';
import { keyedOrders } from '../support/keyed-orders.ts';
import { onPostgres } from '../support/test-database.ts';

const { db, anOrder, stored, url } = keyedOrders();

describe("a transaction's COMMIT sent with its last statements", () => {
  it('stores them, and the transaction says it asked for the commit', async () => {
    const asked = await db().transaction(async (tx) => {
      await together(anOrder(tx, 'early:a'), commitWithThisRoundTrip(tx));
      return commitRequested(tx);
    });
    expect(await stored('early:a')).toHaveLength(1);
    // PGlite runs one statement at a time on its one connection: it commits when the function returns.
    expect(asked).toBe(onPostgres);
  });

  it('throws the failed statement, not the COMMIT that became a ROLLBACK, and stores nothing', async () => {
    await anOrder(db(), 'early:taken');
    const attempt = db().transaction((tx) =>
      together(anOrder(tx, 'early:fresh'), anOrder(tx, 'early:taken'), commitWithThisRoundTrip(tx)),
    );
    expect(await attempt.catch(sqlState)).toBe('23505');
    expect(await stored('early:fresh')).toEqual([]);
  });

  it.skipIf(!onPostgres)(
    'refuses a statement issued after the COMMIT went out, which stays committed',
    async () => {
      const attempt = db().transaction(async (tx) => {
        await together(anOrder(tx, 'early:kept'), commitWithThisRoundTrip(tx));
        await anOrder(tx, 'early:after');
      });
      expect(await attempt.catch(messages)).toMatch(/issued after its transaction ended/);
      expect(await stored('early:kept')).toHaveLength(1);
      expect(await stored('early:after')).toEqual([]);
    },
  );
});

describe('a transaction on the Postgres pool', () => {
  it.skipIf(!onPostgres)(
    'rolls back whole, and sends no COMMIT, when its function throws in the turn it asked for one',
    async () => {
      let order: Promise<unknown> = Promise.resolve();
      let committed: Promise<void> = Promise.resolve();
      const attempt = db().transaction(async (tx) => {
        order = anOrder(tx, 'early:abandoned');
        committed = commitWithThisRoundTrip(tx);
        throw new Error('changed its mind');
      });
      await expect(attempt).rejects.toThrow('changed its mind');
      await order.catch(() => null);
      expect(await committed.catch(messages)).toMatch(/rolled back/);
      expect(await stored('early:abandoned')).toEqual([]);
    },
  );

  it.skipIf(!onPostgres)(
    'sends BEGIN with its first statements, not a round trip ahead of them: the server begins it when they arrive',
    async () => {
      const [gap] = await db().transaction(async (tx) => {
        // Busy before its first statement: a BEGIN sent and answered ahead of it would leave
        // the server's transaction this much older than the statement.
        const until = performance.now() + 60;
        while (performance.now() < until);
        return queryRows<{ ms: number }>(
          tx,
          sql`select extract(epoch from statement_timestamp() - transaction_timestamp()) * 1000 as ms`,
        );
      });
      expect(Number(gap?.ms)).toBeLessThan(30);
    },
  );

  it('fails, and stores nothing, when one of its statements failed even though the caller caught it', async () => {
    await anOrder(db(), 'caught:taken');
    const attempt = db().transaction(async (tx) => {
      await anOrder(tx, 'caught:fresh');
      await anOrder(tx, 'caught:taken').catch(() => null);
      return 'carried on';
    });
    expect(await attempt.catch(sqlState)).toBe(onPostgres ? '23505' : '25P02');
    expect(await stored('caught:fresh')).toEqual([]);
  });

  it.skipIf(!onPostgres)(
    "keeps its connection after an early COMMIT until it ends: the next transaction waiting for the pool's one connection rolls back whole",
    async () => {
      // One connection: the second transaction can only start on the connection the first let go.
      // postgres.js's own begin handed it over at the early COMMIT and then sent its COMMIT on it,
      // which committed the second transaction's first order before the second failed.
      const single = await openDatabase({ kind: 'postgres', url: url() ?? '', max: 1 });
      try {
        const first = single.db.transaction(async (tx) => {
          await together(anOrder(tx, 'pool:first'), commitWithThisRoundTrip(tx));
          await new Promise((resolve) => setTimeout(resolve, 20));
          return 'first';
        });
        const second = single.db.transaction(async (tx) => {
          await anOrder(tx, 'pool:second');
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('second gives up');
        });
        expect(await first).toBe('first');
        await expect(second).rejects.toThrow('second gives up');
        expect(await stored('pool:first')).toHaveLength(1);
        expect(await stored('pool:second')).toEqual([]);
        const open = await queryRows<{ n: number }>(
          single.db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and state like 'idle in transaction%'`,
        );
        expect(open).toEqual([{ n: 0 }]);
      } finally {
        await single.close();
      }
    },
  );
});
