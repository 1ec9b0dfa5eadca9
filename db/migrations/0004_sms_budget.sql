CREATE TABLE "sms_budget_minutes" (
	"minute" timestamp with time zone PRIMARY KEY NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sms_budget_minutes_counts" CHECK ("sms_budget_minutes"."sent" >= 0 and "sms_budget_minutes"."refused" >= 0)
);
