import { type SQL, sql } from 'drizzle-orm';

/**
 * SEAM for the exceptions table (engineer EXCEPT is adding it): until it lands, the only
 * exceptions on record are the problems departments report on their steps (`problem_reported`
 * events), all of type `problem`. When the table lands, this query reads it instead and keeps
 * its columns: one row per (order, type, department) of the cohort.
 */
export function exceptionRowsSql(cohort: SQL): SQL {
  return sql`select distinct e.order_id, 'problem' as type, e.data->>'departmentName' as department
    from (${cohort}) c join order_events e on e.order_id = c.id and e.type = 'problem_reported'`;
}

/**
 * SEAM for change requests (engineer CHANGES is adding them): none are recorded yet, so the
 * report says so instead of showing 0 %. When they land, this returns the SQL of the cohort's
 * orders that had one (`select order_id …`).
 */
export function changeRequestOrdersSql(_cohort: SQL): SQL | null {
  return null;
}
