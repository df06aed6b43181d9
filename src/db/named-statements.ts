import type { Sql } from 'postgres';
import { reservedTransaction } from './reserved-transaction.ts';

/**
 * drizzle asks postgres.js for an unnamed statement unless a query was `.prepare()`d, and
 * postgres.js sends an unnamed statement with parameters in two round trips (describe, then
 * execute) and sends nothing after it until both are back: every parameterised query cost two
 * round trips, and `together()` sent nothing at once. Named, a statement is described once per
 * connection and then sent in one round trip, pipelined with the others.
 *
 * The server plans a named statement as it plans any prepared one (`plan_cache_mode = auto`, set
 * where the connection is opened): afresh for its first runs, then once for any values when that
 * plan costs no more. A plan made once cannot use a partial index whose predicate the values
 * decide, so it costs more and is not kept; the status lists the partial indexes name are written
 * as constants (`orders/status-sets.ts`), which any plan can match. Planning every run instead
 * cost the Submit's statements about a millisecond of server CPU while the number counter was
 * held.
 */
export function namedStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === 'unsafe') {
        return (query: string, parameters?: never[], options?: object) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      }
      if (key === 'begin') {
        // On a connection of its own (reserved-transaction.ts), whose statements are named too.
        return <R>(...args: [(tx: Sql) => R | Promise<R>] | [string, (tx: Sql) => R | Promise<R>]) => {
          const [options, fn] = args.length === 1 ? ['', args[0]] : args;
          return reservedTransaction(target, namedStatements, options, fn);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}
