CREATE TABLE "gateway_inconclusive_answers" (
	"action" text NOT NULL,
	"code" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "gateway_inconclusive_answers_action_code_pk" PRIMARY KEY("action","code")
);
--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "inconclusive_checks" integer DEFAULT 0 NOT NULL;