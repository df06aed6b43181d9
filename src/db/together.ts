/**
 * Awaits statements of one transaction that were issued at once. On Postgres, postgres.js
 * pipelines the queries of a transaction sent before the first answers: one round trip for all
 * of them instead of one each, and the server still runs them in the order they were issued.
 * On PGlite they simply run in turn. Pass only statements whose inputs are known now and that
 * do not read one another's writes: a query builder starts when awaited here, an async function
 * when called, so the order they reach the server in is not the order of the arguments.
 *
 * Every statement is awaited before anything is thrown, and the first failure in argument order
 * is the one thrown: after a failed statement the later ones only report the aborted
 * transaction, which would hide the cause (a unique key, a version check).
 */
export async function together<T extends readonly unknown[]>(
  ...statements: { [K in keyof T]: PromiseLike<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
