ALTER TABLE "assignments" ADD COLUMN "pick" text DEFAULT 'round_robin' NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "fixed_person_id" text;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "units" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "fits_on" date;--> statement-breakpoint
CREATE INDEX "assignments_load_idx" ON "assignments" USING btree ("department_id") WHERE "assignments"."status" in ('pending', 'open', 'accepted', 'started');