CREATE TABLE "weekly_insights" (
	"week" date NOT NULL,
	"version" integer NOT NULL,
	"insights" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "weekly_insights_week_version_pk" PRIMARY KEY("week","version")
);
