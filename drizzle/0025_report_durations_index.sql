DROP INDEX "assignments_step_seconds_idx";--> statement-breakpoint
DROP INDEX "orders_created_idx";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "step_microseconds" bigint GENERATED ALWAYS AS ((extract(epoch from (done_at - opened_at)) * 1000000)::bigint) STORED;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cycle_microseconds" bigint GENERATED ALWAYS AS ((extract(epoch from (delivered_at - created_at)) * 1000000)::bigint) STORED;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "credit_decision_microseconds" bigint GENERATED ALWAYS AS ((extract(epoch from (credit_decided_at - credit_held_at)) * 1000000)::bigint) STORED;--> statement-breakpoint
CREATE INDEX "assignments_step_microseconds_idx" ON "assignments" USING btree ("order_id","department_id","step_microseconds") WHERE "assignments"."step_microseconds" is not null;--> statement-breakpoint
CREATE INDEX "assignments_stage_times_idx" ON "assignments" USING btree ("department_id","step_microseconds","order_id") WHERE "assignments"."step_microseconds" is not null;--> statement-breakpoint
CREATE INDEX "orders_report_idx" ON "orders" USING btree ("created_at","status","total_cents","delivery_date","delivered_at","cycle_microseconds","credit_held_at","credit_decision","credit_decision_microseconds");--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "step_seconds";