DROP INDEX "assignments_load_idx";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "due_on" date;--> statement-breakpoint
UPDATE "assignments" SET "due_on" = "orders"."delivery_date" FROM "orders" WHERE "orders"."id" = "assignments"."order_id";--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "due_on" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "assignments_load_idx" ON "assignments" USING btree ("department_id","due_on") WHERE "assignments"."status" in ('pending', 'open', 'accepted', 'started');
