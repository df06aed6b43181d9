import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { allocationRules, departments } from '../db/schema.ts';
import { together } from '../db/together.ts';
import type { AllocationRule } from './allocation-rules.ts';
import { type DepartmentRow, parsedRules } from './allocation-store.ts';

export interface RoutingConfig {
  /** Valid rules, in order. */
  rules: readonly AllocationRule[];
  departments: ReadonlyMap<string, DepartmentRow>;
}

/** What was read under each revision; a handful of revisions at most are ever live. */
const kept = new Map<string, Promise<RoutingConfig>>();
const keptAtMost = 16;

/**
 * The allocation rules, parsed, and the departments by key, as of this statement. Every Submit
 * and allocation routes by them, and reading and parsing 50 rules and 20 departments cost about
 * half a millisecond of CPU each time; they change when an admin edits them. So they are read
 * again only when the routing revision (drizzle/0030: a token every change to either table
 * replaces, in the change's transaction) differs from the one they were read under; reading the
 * token is one small statement in the caller's round trip. The key also names the database and
 * when its server started: databases copied from one another start with the same token.
 * What is returned is shared between requests and frozen.
 */
export async function routingConfig(db: DbOrTx): Promise<RoutingConfig> {
  // The one row by its key, given as a parameter: a statement without parameters goes to the
  // server as a simple query, parsed and planned on every run; this one is named and planned once.
  const [revision] = await queryRows<{ key: string }>(
    db,
    sql`select token || ':' || current_database() || ':' || pg_postmaster_start_time() as key
        from routing_revision where "only" = ${true}`,
  );
  if (!revision) throw new Error('routing_revision has no row: the database is not migrated');
  let config = kept.get(revision.key);
  const mine = !config;
  if (!config) {
    // Read after the token, so at least as new as it: a change since then has replaced the token,
    // and the next caller reads again.
    config = read(db);
    kept.set(revision.key, config);
    if (kept.size > keptAtMost) kept.delete(kept.keys().next().value as string);
    config.catch(() => kept.delete(revision.key));
  }
  try {
    return await config;
  } catch (error) {
    // Another request's read failed with its transaction: this one reads for itself.
    if (mine) throw error;
    return read(db);
  }
}

async function read(db: DbOrTx): Promise<RoutingConfig> {
  const [ruleRows, departmentRows] = await together(
    db.select().from(allocationRules).orderBy(asc(allocationRules.position), asc(allocationRules.id)),
    db.select().from(departments),
  );
  return Object.freeze({
    rules: Object.freeze(parsedRules(ruleRows).map((r) => Object.freeze(r))),
    departments: new Map(departmentRows.map((d) => [d.key, Object.freeze(d)])),
  });
}
