CREATE TABLE "outbox_file_uploads" (
	"outbox_id" bigint PRIMARY KEY NOT NULL,
	"file_id" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"user_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_file_uploads" ADD CONSTRAINT "outbox_file_uploads_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_department_order_idx" ON "assignments" USING btree ("department_id","order_id");--> statement-breakpoint
CREATE INDEX "order_events_delivered_idx" ON "order_events" USING btree ("order_id","at") WHERE "order_events"."type" = 'status_changed' and "order_events"."data"->>'after' = 'delivered';--> statement-breakpoint
CREATE INDEX "order_events_credit_idx" ON "order_events" USING btree ("order_id","at") WHERE "order_events"."type" in ('credit_checked', 'credit_decided');--> statement-breakpoint
CREATE INDEX "order_events_problem_idx" ON "order_events" USING btree ("order_id") WHERE "order_events"."type" = 'problem_reported';--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("product_id","order_id");