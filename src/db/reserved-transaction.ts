import { is } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import type { ReservedSql, Sql } from 'postgres';

/** client.ts's DbOrTx, named here as drizzle does: client.ts imports this file. */
type DbOrTx = PgDatabase<PgQueryResultHKT>;

type Unsafe = Sql['unsafe'];

/**
 * A transaction's own connection, and how far it has got. Kept by the handle its statements are
 * sent through, which drizzle keeps as its session's client.
 */
interface Transaction {
  connection: ReservedSql;
  /** BEGIN's answer (a failed BEGIN is the transaction's failure): BEGIN goes out with its first statements. */
  began: Promise<void>;
  /** The first statement of the transaction that failed, even one whose caller caught it. */
  failure: unknown;
  /** The COMMIT's answer, once it was asked for. */
  commit: Promise<void> | null;
  /** `committing` once the COMMIT is on its way, `ended` once rolled back: no statement may follow. */
  state: 'open' | 'committing' | 'ended';
}

const transactions = new WeakMap<object, Transaction>();

/**
 * postgres.js's `begin` for a pool, on a connection reserved for the transaction, with BEGIN
 * sent with the first statements rather than a round trip ahead of them. postgres.js's own
 * `begin` waits for BEGIN's answer first, and hands its connection back to the pool as soon as
 * the server says no transaction is open, so a COMMIT sent before the callback ends
 * (commitWithThisRoundTrip) let another caller's statements onto the connection while this one
 * still used it; a reserved connection stays this transaction's until it is released here.
 *
 * As postgres.js does: a statement that failed fails the transaction even if its caller caught
 * the error, and the callback's error is thrown after the ROLLBACK.
 */
export async function reservedTransaction<T>(
  pool: Sql,
  wrap: (handle: Sql) => Sql,
  options: string,
  fn: (handle: Sql) => T | Promise<T>,
): Promise<T> {
  const connection = await pool.reserve();
  const transaction: Transaction = {
    connection,
    began: Promise.resolve(),
    failure: null,
    commit: null,
    state: 'open',
  };
  try {
    const statements = statementsOf(transaction);
    // Not awaited: the function's first statements follow it in the same write. A BEGIN that
    // failed fails them too, and, watched as they are, is the failure thrown.
    transaction.began = statements.unsafe(`begin ${options.replace(/[^a-z ]/gi, '')}`).then(
      () => undefined,
      () => undefined,
    );
    const handle = wrap(statements);
    transactions.set(handle, transaction);
    let result: T;
    try {
      result = await fn(handle);
      await transaction.began;
      if (transaction.failure) throw transaction.failure;
    } catch (error) {
      if (transaction.state === 'committing') {
        // The COMMIT on its way ends the transaction either way; the connection goes back to
        // the pool once it is answered.
        await transaction.commit?.catch(() => {});
      } else {
        transaction.state = 'ended';
        await connection.unsafe('rollback').catch(() => {});
      }
      throw error;
    }
    await (transaction.commit ?? sendCommit(transaction));
    return result;
  } finally {
    connection.release();
  }
}

/**
 * Sends the transaction's COMMIT right behind the statements issued in this turn of the event
 * loop, without waiting for their answers, and resolves once it is answered. Whatever the
 * transaction holds (the order counter's lock above all) is let go as soon as the server has run
 * them, not a round trip through this process later. No statement may be issued after this turn:
 * it would be refused. Where a transaction is not on a reserved connection (PGlite, whose one
 * connection runs statements in turn) it does nothing, and the transaction commits as usual when
 * its function returns.
 */
export function commitWithThisRoundTrip(tx: DbOrTx): Promise<void> {
  const transaction = transactionOf(tx);
  if (!transaction) return Promise.resolve();
  // After this turn's statements: they are all issued by the time the event loop checks its
  // immediates, and postgres.js writes what a turn issued at that point too, so the COMMIT
  // usually leaves in the same write.
  if (!transaction.commit) {
    transaction.commit = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      sendCommit(transaction),
    );
    // Its caller may not wait for it when something else in the transaction failed first.
    transaction.commit.catch(() => {});
  }
  return transaction.commit;
}

/**
 * Resolves once the server has begun the transaction and said so. BEGIN is not waited for before
 * the first statements are sent; what must be counted from a moment the server knows to be past
 * (a deadline in the server's clock, from `transaction_timestamp()`) waits for this. At once
 * where the transaction began before its function was called (PGlite).
 */
export function transactionBegan(tx: DbOrTx): Promise<void> {
  return transactionOf(tx)?.began ?? Promise.resolve();
}

/** True when the transaction's COMMIT was asked for before its function returned. */
export function commitRequested(tx: DbOrTx): boolean {
  return transactionOf(tx)?.commit != null;
}

/** drizzle's transaction keeps the handle reservedTransaction gave it as its session's client. */
function transactionOf(tx: DbOrTx): Transaction | undefined {
  const session: unknown = tx._.session;
  return is(session, PostgresJsSession) ? transactions.get(session.client) : undefined;
}

/**
 * The reserved connection, with every statement watched for failure and none let through once
 * the COMMIT is on its way. A statement is sent when issued rather than when first awaited (one
 * microtask sooner): the order statements reach the server in is unchanged.
 */
function statementsOf(transaction: Transaction): Sql {
  const { connection } = transaction;
  const unsafe = (query: string, parameters?: Parameters<Unsafe>[1], options?: Parameters<Unsafe>[2]) => {
    if (transaction.state !== 'open') {
      throw new Error(`a statement was issued after its transaction ended: ${query.slice(0, 60)}`);
    }
    const pending = connection.unsafe(query, parameters, options);
    pending.catch((error: unknown) => {
      transaction.failure ??= error;
    });
    return pending;
  };
  return new Proxy(connection, {
    get(target, key, receiver) {
      if (key === 'unsafe') return unsafe;
      if (key === 'begin' || key === 'savepoint') {
        return () => {
          throw new Error('orderdesk does not nest transactions');
        };
      }
      return Reflect.get(target, key, receiver);
    },
  }) as unknown as Sql;
}

/**
 * The COMMIT, checked: a transaction in which a statement failed answers COMMIT with ROLLBACK
 * and no error, so the failure is thrown here instead. One rolled back meanwhile (its function
 * threw before the COMMIT went out) sends none.
 */
async function sendCommit(transaction: Transaction): Promise<void> {
  if (transaction.state === 'ended')
    throw transaction.failure ?? new Error('the transaction was rolled back');
  transaction.state = 'committing';
  const answer = await transaction.connection.unsafe('commit');
  if (answer.command === 'COMMIT') return;
  throw (
    transaction.failure ??
    new Error(`the transaction was not committed: the server answered ${answer.command}`)
  );
}
