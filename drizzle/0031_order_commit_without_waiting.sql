-- The year's number counter is let go as soon as the order's commit is written, not once it is
-- on disk. On a connection with `orderdesk.commit_orders_early` on (orderdesk's Postgres pools
-- set it), the transaction that stores an order commits without waiting for the disk
-- (synchronous_commit off, for that transaction only), and its caller then waits for the disk
-- itself with the counter free: orderdesk's waitForDisk commits a transaction of its own that
-- writes to the log and waits, and the log reaches the disk in order, so everything committed
-- before it is there too. Nobody is told an order is stored before it is on disk. PGlite's one
-- connection leaves the setting off: nothing there waits for the counter.
--
-- Numbers stay gap-free through a crash: an order that took a number committed after the one
-- before it, so its commit comes later in the log, and a crash that loses one loses every later
-- one. What another session reads in the moment between commit and disk, it reads; whatever
-- of it reaches Slack goes through a write of its own first (the outbox claims its row), whose
-- commit waits for the disk and so for this one.
--
-- The counter had been held through the flush. Sampled every 5 ms while eight callers stored
-- orders, 5.8 of them on average waited for the counter while its holder waited for the disk
-- (IO:WALSync) half of the time. Orders stored a second, 8 callers, medians of three
-- alternating pairs with pgbench, four runs: 937 / 830 / 728 / 1,143 before (57 / 87 / 60 / 55 %
-- of pgbench), 1,185 / 1,405 / 1,384 / 1,486 after (82 / 93 / 84 / 84 %).
CREATE OR REPLACE FUNCTION orderdesk_insert_order(
  p_year int,
  p_number_prefix text,
  p_customer_id bigint,
  p_delivery_date date,
  p_payment_method text,
  p_customer_po text,
  p_notes text,
  p_owner text,
  p_intake_key text,
  p_total_cents bigint,
  p_at timestamptz,
  p_lines jsonb,
  p_card_key_before text,
  p_card_key_after text,
  p_card_effect jsonb
) RETURNS TABLE (id bigint, number text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF current_setting('orderdesk.commit_orders_early', true) = 'on' THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  RETURN QUERY
  WITH new_order AS (
    SELECT nextval('orders_id_seq') AS id
  ), lines_in AS (
    INSERT INTO order_lines (order_id, line_no, product_id, spec, quantity, unit_price_cents, amount_cents)
    SELECT new_order.id, l.line_no, l.product_id, l.spec, l.quantity, l.unit_price_cents, l.amount_cents
    FROM new_order CROSS JOIN jsonb_to_recordset(p_lines) AS l(
      line_no int, product_id bigint, spec text, quantity int, unit_price_cents bigint, amount_cents bigint)
    RETURNING 1
  ), card AS (
    INSERT INTO slack_messages (order_id, channel, card)
    SELECT new_order.id, p_owner, 'order' FROM new_order
    ON CONFLICT DO NOTHING
    RETURNING 1
  ), card_request AS (
    INSERT INTO outbox (idempotency_key, channel, payload, available_at, created_at)
    SELECT p_card_key_before || new_order.id || p_card_key_after, p_owner,
           jsonb_set(p_card_effect, '{orderId}', to_jsonb(new_order.id)), p_at, p_at
    FROM new_order
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING 1
  ), gate AS (
    INSERT INTO slack_channel_gates (channel, next_send_at) VALUES (p_owner, p_at)
    ON CONFLICT (channel) DO NOTHING
    RETURNING 1
  ), received AS (
    INSERT INTO order_events (order_id, actor, type, at, data)
    SELECT new_order.id, p_owner, 'received', p_at,
           jsonb_build_object('lineCount', jsonb_array_length(p_lines), 'totalCents', p_total_cents)
    FROM new_order RETURNING 1
  ), written AS (
    SELECT (SELECT count(*) FROM lines_in) + (SELECT count(*) FROM card)
         + (SELECT count(*) FROM card_request) + (SELECT count(*) FROM gate)
         + (SELECT count(*) FROM received) AS rows
  ), next AS (
    INSERT INTO order_number_counters AS counter (year, last)
    SELECT p_year, 1 FROM written, (SELECT pg_advisory_xact_lock(hashtext('orderdesk order numbers'), p_year)) AS queued
    WHERE written.rows >= 0
    ON CONFLICT (year) DO UPDATE SET last = counter.last + 1
    RETURNING counter.last
  ), o AS (
    INSERT INTO orders AS stored (id, number, customer_id, status, delivery_date, payment_method, customer_po,
                                  notes, owner_id, intake_key, total_cents, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT new_order.id, p_number_prefix || lpad(next.last::text, greatest(6, length(next.last::text)), '0'),
           p_customer_id, 'received', p_delivery_date, p_payment_method, p_customer_po, p_notes, p_owner,
           p_intake_key, p_total_cents, p_at, p_at
    FROM new_order, next
    RETURNING stored.id, stored.number
  )
  SELECT o.id, o.number FROM o;
END
$$;
