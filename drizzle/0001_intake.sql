CREATE TABLE "intake_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"view_id" text NOT NULL,
	"draft" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "intake_key" text;--> statement-breakpoint
ALTER TABLE "slack_messages" ADD COLUMN "card" text DEFAULT 'order' NOT NULL;--> statement-breakpoint
ALTER TABLE "slack_messages" DROP CONSTRAINT "slack_messages_order_id_channel_pk";--> statement-breakpoint
ALTER TABLE "slack_messages" ADD CONSTRAINT "slack_messages_order_id_channel_card_pk" PRIMARY KEY("order_id","channel","card");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_intake_key_unique" UNIQUE("intake_key");
