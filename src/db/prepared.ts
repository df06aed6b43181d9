import type { DbOrTx } from './client.ts';

/**
 * A drizzle prepared statement, built once per database handle. Building a statement's SQL
 * costs tens of microseconds of CPU (drizzle walks every chunk and column), more than a whole
 * ack: a statement that runs on every click is built once and given its values with
 * `sql.placeholder`. A transaction is a handle of its own, so a statement built for one runs in
 * it and is dropped with it.
 */
export function preparedPerDatabase<Q>(prepare: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const built = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = prepare(db);
      built.set(db, query);
    }
    return query;
  };
}
