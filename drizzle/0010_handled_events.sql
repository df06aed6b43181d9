CREATE TABLE "handled_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"handled_at" timestamp with time zone NOT NULL
);
