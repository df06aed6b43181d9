CREATE TABLE "exceptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exceptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"raise_key" text NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"expected_date" date,
	"department_id" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"holds" boolean DEFAULT false NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"all_managers_at" timestamp with time zone NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"root_cause" text,
	"action_taken" text,
	"new_delivery_date" date,
	CONSTRAINT "exceptions_raise_key_unique" UNIQUE("raise_key")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "hold_kind" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "hold_reason" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exceptions_order_idx" ON "exceptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "exceptions_unresolved_idx" ON "exceptions" USING btree ("raised_at") WHERE "exceptions"."status" <> 'resolved';