CREATE TABLE "routing_revision" (
	"only" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"token" uuid DEFAULT gen_random_uuid() NOT NULL
);
--> statement-breakpoint
-- One row, so the table cannot hold two tokens.
ALTER TABLE "routing_revision" ADD CONSTRAINT "routing_revision_only" CHECK ("only");
--> statement-breakpoint
INSERT INTO "routing_revision" DEFAULT VALUES;
--> statement-breakpoint
-- Every statement that writes the rules or the departments gives the row a new token, in its own
-- transaction: a reader sees the new token when, and only when, it can see the change. The
-- update locks the row until that transaction ends, so two edits at once take turns; edits are
-- an admin's, and rare. Reading the token takes no lock.
CREATE FUNCTION orderdesk_routing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE routing_revision SET token = gen_random_uuid();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER allocation_rules_routing_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON allocation_rules
  FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_routing_changed();
--> statement-breakpoint
CREATE TRIGGER departments_routing_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_routing_changed();
