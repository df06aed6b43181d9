CREATE TABLE "desk_channels" (
	"purpose" text PRIMARY KEY NOT NULL,
	"channel_name" text NOT NULL,
	"channel_id" text
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_time_zones" (
	"user_id" text PRIMARY KEY NOT NULL,
	"time_zone" text,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"cadence" text DEFAULT 'daily' NOT NULL,
	"hour" integer DEFAULT 8 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "assignments_unaccepted_idx" ON "assignments" USING btree ("opened_at") WHERE "assignments"."status" = 'open';--> statement-breakpoint
CREATE INDEX "order_events_type_at_idx" ON "order_events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "order_feedback_logged_idx" ON "order_feedback" USING btree ("logged_at");--> statement-breakpoint
CREATE INDEX "orders_unshipped_due_idx" ON "orders" USING btree ("delivery_date") WHERE "orders"."status" in ('received', 'confirmed', 'allocated', 'in_production', 'ready', 'on_hold');--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at");