CREATE TYPE "public"."card_reversal_status" AS ENUM('reversing', 'reversed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."withdrawal_status" AS ENUM('requested', 'paid', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'withdrawal_hold';--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'withdrawal_return';--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'card_reversal';--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'card_reversal_undo';--> statement-breakpoint
CREATE TABLE "card_reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_rial" bigint NOT NULL,
	"status" "card_reversal_status" DEFAULT 'reversing' NOT NULL,
	"gateway_code" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "card_reversals_amount_positive" CHECK ("card_reversals"."amount_rial" > 0),
	CONSTRAINT "card_reversals_settled_iff_done" CHECK (("card_reversals"."status" = 'reversing') = ("card_reversals"."settled_at" is null)),
	CONSTRAINT "card_reversals_code_only_when_failed" CHECK ("card_reversals"."status" = 'failed' or "card_reversals"."gateway_code" is null)
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_rial" bigint NOT NULL,
	"sheba" text NOT NULL,
	"holder_name" text NOT NULL,
	"status" "withdrawal_status" DEFAULT 'requested' NOT NULL,
	"bank_reference" text,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withdrawals_amount_positive" CHECK ("withdrawals"."amount_rial" > 0),
	CONSTRAINT "withdrawals_sheba_format" CHECK ("withdrawals"."sheba" ~ '^IR[0-9]{24}$'),
	CONSTRAINT "withdrawals_holder_name_present" CHECK (length(trim("withdrawals"."holder_name")) > 0),
	CONSTRAINT "withdrawals_decided_iff_not_requested" CHECK (("withdrawals"."status" = 'requested') = ("withdrawals"."decided_by" is null and "withdrawals"."decided_at" is null)),
	CONSTRAINT "withdrawals_decided_has_both" CHECK (("withdrawals"."decided_by" is null) = ("withdrawals"."decided_at" is null)),
	CONSTRAINT "withdrawals_bank_reference_iff_paid" CHECK (("withdrawals"."status" = 'paid') = coalesce(length(trim("withdrawals"."bank_reference")) > 0, false) and ("withdrawals"."status" = 'paid' or "withdrawals"."bank_reference" is null)),
	CONSTRAINT "withdrawals_reject_reason_iff_rejected" CHECK (("withdrawals"."status" = 'rejected') = coalesce(length(trim("withdrawals"."reject_reason")) > 0, false) and ("withdrawals"."status" = 'rejected' or "withdrawals"."reject_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "card_reversals" ADD CONSTRAINT "card_reversals_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_reversals" ADD CONSTRAINT "card_reversals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_reversals_one_live_per_attempt" ON "card_reversals" USING btree ("attempt_id") WHERE "card_reversals"."status" <> 'failed';--> statement-breakpoint
CREATE INDEX "card_reversals_reversing_idx" ON "card_reversals" USING btree ("created_at") WHERE "card_reversals"."status" = 'reversing';--> statement-breakpoint
CREATE INDEX "withdrawals_user_idx" ON "withdrawals" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "withdrawals_queue_idx" ON "withdrawals" USING btree ("created_at") WHERE "withdrawals"."status" = 'requested';