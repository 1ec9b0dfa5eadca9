CREATE TABLE "gateway_inconclusive_answers" (
	"action" text NOT NULL,
	"code" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "gateway_inconclusive_answers_action_code_pk" PRIMARY KEY("action","code"),
	CONSTRAINT "gateway_inconclusive_answers_count_positive" CHECK ("gateway_inconclusive_answers"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "inconclusive_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_inconclusive_checks_not_negative" CHECK ("payment_attempts"."inconclusive_checks" >= 0);