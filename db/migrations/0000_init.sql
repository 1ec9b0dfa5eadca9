CREATE TYPE "public"."user_role" AS ENUM('patient', 'doctor', 'staff', 'admin');--> statement-breakpoint
CREATE TYPE "public"."slot_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."payment_gateway" AS ENUM('sandbox', 'zarinpal', 'wallet');--> statement-breakpoint
CREATE TYPE "public"."payment_outcome" AS ENUM('fulfilled', 'auto_refunded');--> statement-breakpoint
CREATE TYPE "public"."payment_purpose" AS ENUM('reservation', 'chat', 'topup');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'verifying', 'paid', 'failed', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."sandbox_fault" AS ENUM('none', 'verify-timeout', 'verify-500', 'drop-callback');--> statement-breakpoint
CREATE TYPE "public"."sandbox_payment_status" AS ENUM('created', 'paid', 'failed', 'cancelled', 'verified', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."reservation_status" AS ENUM('confirmed', 'attended', 'no_show', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."chat_request_status" AS ENUM('waiting', 'active', 'closed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."ledger_reason" AS ENUM('topup', 'reservation_payment', 'chat_payment', 'auto_refund', 'cancellation_refund', 'chat_expiry_refund', 'staff_adjustment');--> statement-breakpoint
CREATE TYPE "public"."sms_status" AS ENUM('queued', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "otp_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"request_ip" text NOT NULL,
	"wrong_tries" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "otp_codes_wrong_tries_range" CHECK ("otp_codes"."wrong_tries" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"name" text,
	"role" "user_role" DEFAULT 'patient' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_phone_unique" UNIQUE("phone"),
	CONSTRAINT "users_phone_format" CHECK ("users"."phone" ~ '^09[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "clinics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"address" text NOT NULL,
	"phone" text
);
--> statement-breakpoint
CREATE TABLE "doctors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"clinic_id" uuid NOT NULL,
	"specialty_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"visit_fee_rial" bigint NOT NULL,
	"chat_fee_rial" bigint NOT NULL,
	"takes_chat" boolean DEFAULT false NOT NULL,
	"chat_answer_hours" integer DEFAULT 24 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctors_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "doctors_visit_fee_positive" CHECK ("doctors"."visit_fee_rial" > 0),
	CONSTRAINT "doctors_chat_fee_positive" CHECK ("doctors"."chat_fee_rial" > 0),
	CONSTRAINT "doctors_chat_answer_hours_range" CHECK ("doctors"."chat_answer_hours" between 1 and 168)
);
--> statement-breakpoint
CREATE TABLE "specialties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "specialties_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "time_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "slot_status" DEFAULT 'open' NOT NULL,
	CONSTRAINT "time_slots_doctor_start_unique" UNIQUE("doctor_id","starts_at"),
	CONSTRAINT "time_slots_interval_order" CHECK ("time_slots"."starts_at" < "time_slots"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "weekly_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"slot_minutes" integer NOT NULL,
	CONSTRAINT "weekly_schedules_weekday_range" CHECK ("weekly_schedules"."weekday" between 0 and 6),
	CONSTRAINT "weekly_schedules_interval_order" CHECK ("weekly_schedules"."start_time" < "weekly_schedules"."end_time"),
	CONSTRAINT "weekly_schedules_slot_minutes_range" CHECK ("weekly_schedules"."slot_minutes" between 5 and 240)
);
--> statement-breakpoint
CREATE TABLE "payment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "payment_purpose" NOT NULL,
	"target" jsonb NOT NULL,
	"amount_rial" bigint NOT NULL,
	"gateway" "payment_gateway" NOT NULL,
	"authority" text,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"outcome" "payment_outcome",
	"ref_id" text,
	"card_pan" text,
	"last_error_code" integer,
	"retry_of" uuid,
	"intent_id" text NOT NULL,
	"intent_bytes" integer,
	"verify_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "payment_attempts_authority_unique" UNIQUE("authority"),
	CONSTRAINT "payment_attempts_amount_positive" CHECK ("payment_attempts"."amount_rial" > 0),
	CONSTRAINT "payment_attempts_purpose_matches_target" CHECK ("payment_attempts"."target"->>'kind' = "payment_attempts"."purpose"::text),
	CONSTRAINT "payment_attempts_outcome_only_when_paid" CHECK (("payment_attempts"."status" = 'paid') = ("payment_attempts"."outcome" is not null)),
	CONSTRAINT "payment_attempts_gateway_has_authority" CHECK ("payment_attempts"."gateway" = 'wallet' or "payment_attempts"."status" = 'failed' or "payment_attempts"."authority" is not null)
);
--> statement-breakpoint
CREATE TABLE "sandbox_payments" (
	"authority" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"description" text NOT NULL,
	"callback_url" text NOT NULL,
	"status" "sandbox_payment_status" DEFAULT 'created' NOT NULL,
	"ref_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"fault" "sandbox_fault" DEFAULT 'none' NOT NULL,
	CONSTRAINT "sandbox_settings_single_row" CHECK ("sandbox_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"payment_attempt_id" uuid NOT NULL,
	"amount_rial" bigint NOT NULL,
	"status" "reservation_status" DEFAULT 'confirmed' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservations_payment_attempt_unique" UNIQUE("payment_attempt_id")
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chat_request_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_messages_body_length" CHECK (char_length("chat_messages"."body") between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "chat_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"payment_attempt_id" uuid NOT NULL,
	"question" text NOT NULL,
	"amount_rial" bigint NOT NULL,
	"status" "chat_request_status" DEFAULT 'waiting' NOT NULL,
	"answer_deadline" timestamp with time zone NOT NULL,
	"patient_read_at" timestamp with time zone,
	"doctor_read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "chat_requests_payment_attempt_unique" UNIQUE("payment_attempt_id"),
	CONSTRAINT "chat_requests_question_length" CHECK (char_length("chat_requests"."question") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "wallet_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_rial" bigint NOT NULL,
	"reason" "ledger_reason" NOT NULL,
	"reference" text NOT NULL,
	"note" text,
	"balance_after_rial" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_ledger_reason_reference_unique" UNIQUE("reason","reference"),
	CONSTRAINT "wallet_ledger_amount_nonzero" CHECK ("wallet_ledger"."amount_rial" <> 0)
);
--> statement-breakpoint
CREATE TABLE "wallets" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"balance_rial" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallets_balance_non_negative" CHECK ("wallets"."balance_rial" >= 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"body" text NOT NULL,
	"driver" text NOT NULL,
	"status" "sms_status" DEFAULT 'queued' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_specialty_id_specialties_id_fk" FOREIGN KEY ("specialty_id") REFERENCES "public"."specialties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_slots" ADD CONSTRAINT "time_slots_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_schedules" ADD CONSTRAINT "weekly_schedules_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_retry_of_payment_attempts_id_fk" FOREIGN KEY ("retry_of") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_slot_id_time_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."time_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_payment_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("payment_attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_chat_request_id_chat_requests_id_fk" FOREIGN KEY ("chat_request_id") REFERENCES "public"."chat_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_payment_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("payment_attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_ledger" ADD CONSTRAINT "wallet_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallets" ADD CONSTRAINT "wallets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "otp_codes_phone_created_idx" ON "otp_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "otp_codes_ip_created_idx" ON "otp_codes" USING btree ("request_ip","created_at");--> statement-breakpoint
CREATE INDEX "doctors_specialty_idx" ON "doctors" USING btree ("specialty_id");--> statement-breakpoint
CREATE INDEX "doctors_clinic_idx" ON "doctors" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "time_slots_starts_idx" ON "time_slots" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "weekly_schedules_doctor_idx" ON "weekly_schedules" USING btree ("doctor_id");--> statement-breakpoint
CREATE INDEX "payment_attempts_user_idx" ON "payment_attempts" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_status_idx" ON "payment_attempts" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_one_live_per_slot" ON "reservations" USING btree ("slot_id") WHERE "reservations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "reservations_patient_idx" ON "reservations" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "reservations_doctor_idx" ON "reservations" USING btree ("doctor_id");--> statement-breakpoint
CREATE INDEX "chat_messages_request_idx" ON "chat_messages" USING btree ("chat_request_id","created_at");--> statement-breakpoint
CREATE INDEX "chat_requests_patient_idx" ON "chat_requests" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "chat_requests_doctor_idx" ON "chat_requests" USING btree ("doctor_id","status");--> statement-breakpoint
CREATE INDEX "wallet_ledger_user_idx" ON "wallet_ledger" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sms_outbox_phone_idx" ON "sms_outbox" USING btree ("phone","created_at");