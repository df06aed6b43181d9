CREATE TABLE "home_customer_picks" (
	"slack_user_id" text PRIMARY KEY NOT NULL,
	"customer_code" text NOT NULL,
	"picked_at" timestamp with time zone NOT NULL
);
