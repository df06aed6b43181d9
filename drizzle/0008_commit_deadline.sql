-- A submission that gave up on its transaction (Slack's 3 seconds ran out) must not commit
-- later: the COMMIT may still be on its way through a hung connection. The transaction names
-- its last moment in orderdesk.commit_by (see src/db/commit-by.ts); a deferred trigger checks
-- it against the server's clock at COMMIT. Transactions that set nothing are not affected.
CREATE FUNCTION orderdesk_check_commit_by() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  commit_by text := nullif(current_setting('orderdesk.commit_by', true), '');
BEGIN
  IF commit_by IS NOT NULL AND clock_timestamp() > commit_by::timestamptz THEN
    RAISE EXCEPTION 'commit deadline passed: the caller has already said nothing was saved'
      USING ERRCODE = '57014';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER orders_commit_by AFTER INSERT ON orders
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION orderdesk_check_commit_by();
