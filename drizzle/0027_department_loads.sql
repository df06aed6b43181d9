CREATE TABLE "department_loads" (
	"department_id" bigint NOT NULL,
	"due_on" date NOT NULL,
	"orders_left" bigint DEFAULT 0 NOT NULL,
	"units_left" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "department_loads_department_id_due_on_pk" PRIMARY KEY("department_id","due_on")
);
--> statement-breakpoint
ALTER TABLE "department_loads" ADD CONSTRAINT "department_loads_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- department_loads is the running total of every department's to-do steps by delivery date,
-- kept by the triggers below in the statement that changes the steps: allocation read it by
-- scanning every to-do step of a route's departments, a cost that grew with the backlog (about
-- 1,350 rows and 1.4 ms of server time per department with 10,000 open orders); the total is a
-- row per date. A step counts 100 - progress (orders) and units * (100 - progress) (units),
-- in hundredths, as integers, while its status is pending, open, accepted or started.
--
-- Statement triggers with transition tables: a statement that writes many steps (an order's
-- whole route) adds them up once per department and date. Groups whose change is zero are
-- left out, so the statements that do not move a load (opening the next step, reassigning one)
-- lock nothing. The rows are upserted in department and date order: two statements that
-- touch several of the same rows take their locks in the same order and cannot deadlock.
-- Each event needs a trigger of its own (Postgres allows one event per trigger with transition
-- tables), and an UPDATE trigger with transition tables cannot name its columns, so every
-- update of assignments runs the function; one that changes no load ends at the empty grouping.
-- TRUNCATE is not counted: truncating assignments must truncate department_loads too. The
-- function keeps the plans it makes (its own plan_cache_mode; connections plan afresh so that
-- partial indexes match): none depends on the sign, the one value they take.
CREATE FUNCTION orderdesk_department_loads() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  -- A step inserted adds its work, one deleted takes it off; both triggers name their rows steps.
  sign int := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO department_loads AS l (department_id, due_on, orders_left, units_left)
    SELECT department_id, due_on, sum(orders), sum(units)
    FROM (
      SELECT department_id, due_on, 100 - progress AS orders, units::bigint * (100 - progress) AS units
      FROM new_steps WHERE status IN ('pending', 'open', 'accepted', 'started')
      UNION ALL
      SELECT department_id, due_on, progress - 100, -(units::bigint * (100 - progress))
      FROM old_steps WHERE status IN ('pending', 'open', 'accepted', 'started')
    ) AS change
    GROUP BY department_id, due_on
    HAVING sum(orders) <> 0 OR sum(units) <> 0
    ORDER BY department_id, due_on
    ON CONFLICT (department_id, due_on) DO UPDATE
      SET orders_left = l.orders_left + excluded.orders_left, units_left = l.units_left + excluded.units_left;
  ELSE
    INSERT INTO department_loads AS l (department_id, due_on, orders_left, units_left)
    SELECT department_id, due_on, sign * sum(100 - progress), sign * sum(units::bigint * (100 - progress))
    FROM steps WHERE status IN ('pending', 'open', 'accepted', 'started')
    GROUP BY department_id, due_on
    HAVING sum(100 - progress) <> 0 OR sum(units::bigint * (100 - progress)) <> 0
    ORDER BY department_id, due_on
    ON CONFLICT (department_id, due_on) DO UPDATE
      SET orders_left = l.orders_left + excluded.orders_left, units_left = l.units_left + excluded.units_left;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assignments_department_loads_insert AFTER INSERT ON assignments
  REFERENCING NEW TABLE AS steps FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_department_loads();
--> statement-breakpoint
CREATE TRIGGER assignments_department_loads_update AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_steps NEW TABLE AS new_steps FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_department_loads();
--> statement-breakpoint
CREATE TRIGGER assignments_department_loads_delete AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS steps FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_department_loads();
--> statement-breakpoint
-- The steps already stored, counted after the triggers exist: creating them locked assignments
-- against writes until this migration commits, so no step is counted twice or missed.
INSERT INTO department_loads (department_id, due_on, orders_left, units_left)
SELECT department_id, due_on, sum(100 - progress), sum(units::bigint * (100 - progress))
FROM assignments WHERE status IN ('pending', 'open', 'accepted', 'started')
GROUP BY department_id, due_on;
