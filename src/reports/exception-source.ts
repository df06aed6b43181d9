import { type SQL, sql } from 'drizzle-orm';
import { type CohortIds, inCohortIds } from './report-scope.ts';

/**
 * The cohort's exceptions: one row per (order, type, owning department). Problems raised before
 * the exceptions table existed live only as `problem_reported` events; they count as type
 * `problem` in the department that reported them, unless a table row already stands for them.
 * Reads the cohort's common table expression `c` unless its range of ids is exact.
 */
export function exceptionRowsSql(ids: CohortIds | null): SQL {
  return sql`select distinct x.order_id, x.type, d.name as department
      from exceptions x join departments d on d.id = x.department_id
      where ${inCohortIds(sql`x.order_id`, ids)}
    union
    select distinct e.order_id, 'problem' as type, e.data->>'departmentName' as department
      from order_events e
      where e.type = 'problem_reported' and ${inCohortIds(sql`e.order_id`, ids)}
        and e.data->>'exceptionId' is null`;
}

/** The cohort's orders that had a change or cancellation sent to departments (drafts do not count). */
export function changeRequestOrdersSql(ids: CohortIds | null): SQL {
  return sql`select distinct r.order_id from order_changes r
    where r.state <> 'draft' and ${inCohortIds(sql`r.order_id`, ids)}`;
}
