ALTER TYPE "public"."notification_kind" ADD VALUE 'waitlist_offer';--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"from_date" date,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	CONSTRAINT "waitlist_range_order" CHECK ("waitlist_entries"."from_date" is null or "waitlist_entries"."to_date" is null or "waitlist_entries"."from_date" <= "waitlist_entries"."to_date"),
	CONSTRAINT "waitlist_closed_once" CHECK ("waitlist_entries"."left_at" is null or "waitlist_entries"."fulfilled_at" is null)
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_offers_once_per_entry_slot" UNIQUE("entry_id","slot_id")
);
--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_slot_id_time_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."time_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_one_active_per_patient_doctor" ON "waitlist_entries" USING btree ("patient_id","doctor_id") WHERE "waitlist_entries"."left_at" is null and "waitlist_entries"."fulfilled_at" is null;--> statement-breakpoint
CREATE INDEX "waitlist_active_by_doctor_idx" ON "waitlist_entries" USING btree ("doctor_id","created_at") WHERE "waitlist_entries"."left_at" is null and "waitlist_entries"."fulfilled_at" is null;--> statement-breakpoint
CREATE INDEX "waitlist_patient_idx" ON "waitlist_entries" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "waitlist_offers_slot_idx" ON "waitlist_offers" USING btree ("slot_id","sent_at");--> statement-breakpoint
-- Issue 12 §6. When one of a doctor's slots frees (a reservation cancelled or moved off it, a closed slot
-- reopened, a new slot generated) and someone waits for that doctor, the job that offers it is queued in the
-- transaction of that event: it commits or vanishes with it, whichever service (or future one) made it. One
-- job per slot (job_key); a job already waiting keeps its time (the next batch, or 08:00 after a night).
CREATE FUNCTION waitlist_queue_offer(slot uuid, doctor uuid) RETURNS void AS $$
BEGIN
  IF to_regnamespace('graphile_worker') IS NOT NULL AND EXISTS (
    SELECT 1 FROM waitlist_entries
    WHERE doctor_id = doctor AND left_at IS NULL AND fulfilled_at IS NULL
  ) THEN
    PERFORM graphile_worker.add_job(
      'offer_slot',
      json_build_object('slotId', slot),
      max_attempts := 5,
      job_key := 'waitlist-offer:' || slot::text,
      job_key_mode := 'preserve_run_at'
    );
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION waitlist_slot_opened() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'open' THEN
    PERFORM waitlist_queue_offer(NEW.id, NEW.doctor_id);
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER waitlist_slot_created AFTER INSERT ON time_slots
  FOR EACH ROW EXECUTE FUNCTION waitlist_slot_opened();
--> statement-breakpoint
CREATE TRIGGER waitlist_slot_reopened AFTER UPDATE OF status ON time_slots
  FOR EACH ROW WHEN (OLD.status = 'closed' AND NEW.status = 'open') EXECUTE FUNCTION waitlist_slot_opened();
--> statement-breakpoint
-- A live reservation that is cancelled, or moved to another slot, frees the slot it held.
CREATE FUNCTION waitlist_reservation_released() RETURNS trigger AS $$
BEGIN
  PERFORM waitlist_queue_offer(OLD.slot_id, OLD.doctor_id);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER waitlist_reservation_released AFTER UPDATE OF status, slot_id ON reservations
  FOR EACH ROW WHEN (OLD.status <> 'cancelled' AND (NEW.status = 'cancelled' OR NEW.slot_id <> OLD.slot_id))
  EXECUTE FUNCTION waitlist_reservation_released();
--> statement-breakpoint
-- Whoever books with a doctor (through an offer or not) stops waiting for that doctor.
CREATE FUNCTION waitlist_fulfil_on_booking() RETURNS trigger AS $$
BEGIN
  UPDATE waitlist_entries SET fulfilled_at = now()
  WHERE patient_id = NEW.patient_id AND doctor_id = NEW.doctor_id AND left_at IS NULL AND fulfilled_at IS NULL;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER waitlist_fulfil_on_booking AFTER INSERT ON reservations
  FOR EACH ROW WHEN (NEW.status <> 'cancelled') EXECUTE FUNCTION waitlist_fulfil_on_booking();
