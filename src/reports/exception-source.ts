import { type SQL, sql } from 'drizzle-orm';
import { type CohortIds, inCohortIds } from './report-scope.ts';

/**
 * The cohort's exceptions: one row per (order, type, owning department). Problems raised before
 * the exceptions table existed live only as `problem_reported` events; they count as type
 * `problem` in the department that reported them, unless a table row already stands for them.
 * Reads the cohort's common table expression `c`, over its range of ids.
 */
export function exceptionRowsSql(ids: CohortIds | null): SQL {
  return sql`select distinct x.order_id, x.type, d.name as department
      from c join exceptions x on x.order_id = c.id and ${inCohortIds(sql`x.order_id`, ids)}
      join departments d on d.id = x.department_id
    union
    select distinct e.order_id, 'problem' as type, e.data->>'departmentName' as department
      from c join order_events e on e.order_id = c.id and e.type = 'problem_reported'
        and ${inCohortIds(sql`e.order_id`, ids)}
      where e.data->>'exceptionId' is null`;
}

/** The cohort's orders that had a change or cancellation sent to departments (drafts do not count). */
export function changeRequestOrdersSql(ids: CohortIds | null): SQL {
  return sql`select distinct r.order_id from c
    join order_changes r on r.order_id = c.id and r.state <> 'draft' and ${inCohortIds(sql`r.order_id`, ids)}`;
}
