CREATE TABLE "order_feedback" (
	"order_id" bigint PRIMARY KEY NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"needs_follow_up" boolean DEFAULT false NOT NULL,
	"logged_by" text NOT NULL,
	"logged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_feedback" ADD CONSTRAINT "order_feedback_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;