-- The facts trigger fired for every credit check, though only a check that holds the order can
-- change a fact: the first hold is a check with the verdict 'hold', and the decision counted is
-- the first one after that hold. A check that passes (nearly every order's) ran the whole
-- refresh for nothing, inside the order form's Submit, while the year's number counter was held.
DROP TRIGGER order_events_facts ON order_events;
--> statement-breakpoint
CREATE TRIGGER order_events_facts AFTER INSERT ON order_events FOR EACH ROW
  WHEN ((NEW.type = 'status_changed' AND NEW.data->>'after' = 'delivered')
    OR (NEW.type = 'credit_checked' AND NEW.data->>'verdict' = 'hold')
    OR NEW.type = 'credit_decided')
  EXECUTE FUNCTION orderdesk_order_event_fact();
