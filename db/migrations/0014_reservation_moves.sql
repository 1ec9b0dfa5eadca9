ALTER TYPE "public"."payment_purpose" ADD VALUE 'reschedule';--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'reschedule_payment';--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'reschedule_refund';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'reservation_rescheduled';--> statement-breakpoint
CREATE TABLE "reservation_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"from_slot_id" uuid NOT NULL,
	"to_slot_id" uuid NOT NULL,
	"from_amount_rial" bigint NOT NULL,
	"to_amount_rial" bigint NOT NULL,
	"payment_attempt_id" uuid,
	"moved_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_moves_payment_attempt_unique" UNIQUE("payment_attempt_id"),
	CONSTRAINT "reservation_moves_seq_unique" UNIQUE("reservation_id","seq"),
	CONSTRAINT "reservation_moves_seq_positive" CHECK ("reservation_moves"."seq" >= 1),
	CONSTRAINT "reservation_moves_other_slot" CHECK ("reservation_moves"."from_slot_id" <> "reservation_moves"."to_slot_id"),
	CONSTRAINT "reservation_moves_amounts_positive" CHECK ("reservation_moves"."from_amount_rial" > 0 and "reservation_moves"."to_amount_rial" > 0),
	CONSTRAINT "reservation_moves_paid_when_dearer" CHECK (("reservation_moves"."to_amount_rial" > "reservation_moves"."from_amount_rial") = ("reservation_moves"."payment_attempt_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "reservation_moves" ADD CONSTRAINT "reservation_moves_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_moves" ADD CONSTRAINT "reservation_moves_from_slot_id_time_slots_id_fk" FOREIGN KEY ("from_slot_id") REFERENCES "public"."time_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_moves" ADD CONSTRAINT "reservation_moves_to_slot_id_time_slots_id_fk" FOREIGN KEY ("to_slot_id") REFERENCES "public"."time_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_moves" ADD CONSTRAINT "reservation_moves_payment_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("payment_attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_moves" ADD CONSTRAINT "reservation_moves_moved_by_users_id_fk" FOREIGN KEY ("moved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservation_moves_to_slot_idx" ON "reservation_moves" USING btree ("to_slot_id");