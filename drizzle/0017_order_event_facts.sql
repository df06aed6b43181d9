ALTER TABLE "orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "credit_held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "credit_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "credit_decision" text;--> statement-breakpoint
-- What a report needs from an order's events, kept on the order so a report reads one row per
-- order instead of its events: the first delivery, the first credit hold and the first decision
-- taken on or after that hold. Recomputed from the events themselves for the orders a statement
-- touched, in that statement, so the columns always say what the events say.
CREATE FUNCTION orderdesk_refresh_order_facts(touched bigint[]) RETURNS void LANGUAGE sql AS $$
  WITH t AS (SELECT DISTINCT unnest(touched) AS order_id),
  delivered AS (
    SELECT e.order_id, min(e.at) AS at FROM t JOIN order_events e ON e.order_id = t.order_id
    WHERE e.type = 'status_changed' AND e.data->>'after' = 'delivered' GROUP BY e.order_id),
  held AS (
    SELECT e.order_id, min(e.at) AS at FROM t JOIN order_events e ON e.order_id = t.order_id
    WHERE e.type = 'credit_checked' AND e.data->>'verdict' = 'hold' GROUP BY e.order_id),
  decided AS (
    SELECT DISTINCT ON (h.order_id) h.order_id, e.at, e.data->>'decision' AS decision
    FROM held h JOIN order_events e ON e.order_id = h.order_id AND e.type = 'credit_decided' AND e.at >= h.at
    ORDER BY h.order_id, e.at, e.id)
  UPDATE orders o
  SET delivered_at = d.at, credit_held_at = h.at, credit_decided_at = c.at, credit_decision = c.decision
  FROM t LEFT JOIN delivered d ON d.order_id = t.order_id LEFT JOIN held h ON h.order_id = t.order_id
    LEFT JOIN decided c ON c.order_id = t.order_id
  WHERE o.id = t.order_id
    AND (o.delivered_at, o.credit_held_at, o.credit_decided_at, o.credit_decision)
      IS DISTINCT FROM (d.at, h.at, c.at, c.decision)
$$;
--> statement-breakpoint
CREATE FUNCTION orderdesk_order_event_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM orderdesk_refresh_order_facts(array(
    SELECT DISTINCT order_id FROM inserted
    WHERE (type = 'status_changed' AND data->>'after' = 'delivered')
      OR type IN ('credit_checked', 'credit_decided')));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER order_events_facts AFTER INSERT ON order_events REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_order_event_facts();
--> statement-breakpoint
-- The same facts for every order at once, for orders written before the trigger existed (and for
-- a bulk load that ran with it disabled): one pass over the events grouped by order, where the
-- trigger's function, given every order id, would look each order's events up one by one.
-- Orders with none of these events keep the nulls their columns start with.
CREATE FUNCTION orderdesk_backfill_order_facts() RETURNS void LANGUAGE sql AS $$
  WITH facts AS (
    SELECT order_id,
      min(at) FILTER (WHERE type = 'status_changed') AS delivered_at,
      min(at) FILTER (WHERE type = 'credit_checked') AS held_at
    FROM order_events
    WHERE (type = 'status_changed' AND data->>'after' = 'delivered')
      OR (type = 'credit_checked' AND data->>'verdict' = 'hold')
    GROUP BY order_id),
  decided AS (
    SELECT DISTINCT ON (f.order_id) f.order_id, e.at, e.data->>'decision' AS decision
    FROM facts f JOIN order_events e ON e.order_id = f.order_id AND e.type = 'credit_decided' AND e.at >= f.held_at
    ORDER BY f.order_id, e.at, e.id)
  UPDATE orders o
  SET delivered_at = f.delivered_at, credit_held_at = f.held_at, credit_decided_at = c.at, credit_decision = c.decision
  FROM facts f LEFT JOIN decided c ON c.order_id = f.order_id
  WHERE o.id = f.order_id
    AND (o.delivered_at, o.credit_held_at, o.credit_decided_at, o.credit_decision)
      IS DISTINCT FROM (f.delivered_at, f.held_at, c.at, c.decision)
$$;
--> statement-breakpoint
SELECT orderdesk_backfill_order_facts();
