CREATE TYPE "public"."clinic_role" AS ENUM('receptionist', 'clinic_admin');--> statement-breakpoint
CREATE TABLE "clinic_memberships" (
	"user_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"role" "clinic_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_memberships_pk" PRIMARY KEY("user_id","clinic_id")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "clinic_id" uuid;--> statement-breakpoint
ALTER TABLE "clinic_memberships" ADD CONSTRAINT "clinic_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_memberships" ADD CONSTRAINT "clinic_memberships_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinic_memberships_clinic_idx" ON "clinic_memberships" USING btree ("clinic_id");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_clinic_created_idx" ON "audit_log" USING btree ("clinic_id","created_at");--> statement-breakpoint
-- Only `staff` users hold clinic memberships: a patient or doctor given one by mistake would otherwise look
-- like clinic staff to nobody (the services check the role first) but confuse every listing of a clinic's team.
CREATE OR REPLACE FUNCTION clinic_memberships_staff_only() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND role = 'staff') THEN
    RAISE EXCEPTION 'clinic membership for a user who is not staff: %', NEW.user_id USING ERRCODE = 'check_violation', CONSTRAINT = 'clinic_memberships_staff_only';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER clinic_memberships_staff_only BEFORE INSERT OR UPDATE ON clinic_memberships
  FOR EACH ROW EXECUTE FUNCTION clinic_memberships_staff_only();--> statement-breakpoint
-- Staff accounts from before tenancy saw every clinic. They keep working as receptionists of every clinic
-- (not clinic admins: nothing they could do before grows); a platform admin then trims them to their own
-- clinic. New installations have no staff yet at this point, so the seed's memberships are the only ones.
INSERT INTO clinic_memberships (user_id, clinic_id, role)
  SELECT u.id, c.id, 'receptionist' FROM users u CROSS JOIN clinics c WHERE u.role = 'staff'
  ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Earlier audit rows get the clinic of what they were about, so a clinic admin's trail starts complete.
UPDATE audit_log a SET clinic_id = d.clinic_id
  FROM reservations r JOIN doctors d ON d.id = r.doctor_id
  WHERE a.clinic_id IS NULL AND a.subject_type = 'reservation' AND a.subject_id = r.id::text;--> statement-breakpoint
UPDATE audit_log a SET clinic_id = d.clinic_id
  FROM time_slots s JOIN doctors d ON d.id = s.doctor_id
  WHERE a.clinic_id IS NULL AND a.subject_type = 'slot' AND a.subject_id = s.id::text;--> statement-breakpoint
UPDATE audit_log a SET clinic_id = d.clinic_id
  FROM doctors d
  WHERE a.clinic_id IS NULL AND ((a.subject_type = 'doctor' AND a.subject_id = d.id::text)
    OR (a.subject_type = 'doctor_day' AND split_part(a.subject_id, '/', 1) = d.id::text));--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_id_patient_doctor_unique" UNIQUE("id","patient_id","doctor_id");--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"overall" integer NOT NULL,
	"treatment" integer NOT NULL,
	"manner" integer NOT NULL,
	"explanation" integer NOT NULL,
	"recommends" boolean NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_one_per_reservation" UNIQUE("reservation_id"),
	CONSTRAINT "reviews_ratings_range" CHECK ("reviews"."overall" between 1 and 5 and "reviews"."treatment" between 1 and 5 and "reviews"."manner" between 1 and 5 and "reviews"."explanation" between 1 and 5),
	CONSTRAINT "reviews_comment_length" CHECK (char_length("reviews"."comment") <= 1000),
	CONSTRAINT "reviews_reply_length" CHECK ("reviews"."reply" is null or char_length("reviews"."reply") between 1 and 1000),
	CONSTRAINT "reviews_reply_has_time" CHECK (("reviews"."reply" is null) = ("reviews"."replied_at" is null)),
	CONSTRAINT "reviews_hidden_has_reason" CHECK (("reviews"."hidden_at" is null) = ("reviews"."hidden_reason" is null) and ("reviews"."hidden_at" is null) = ("reviews"."hidden_by" is null))
);
--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reservation_of_patient_and_doctor" FOREIGN KEY ("reservation_id","patient_id","doctor_id") REFERENCES "public"."reservations"("id","patient_id","doctor_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_doctor_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviews_doctor_created_idx" ON "reviews" USING btree ("doctor_id","created_at");--> statement-breakpoint
-- A review exists only for an attended visit: admitted while its reservation is attended (the composite
-- foreign key already makes it that patient's reservation with that doctor, and a reservation exists only
-- with its verified payment), and the reservation cannot leave `attended` while it has a review.
CREATE OR REPLACE FUNCTION reviews_attended_visit_only() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM reservations WHERE id = NEW.reservation_id AND status = 'attended') THEN
    RAISE EXCEPTION 'review of reservation % which is not an attended visit', NEW.reservation_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_attended_visit_only';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER reviews_attended_visit_only BEFORE INSERT OR UPDATE OF reservation_id ON reviews
  FOR EACH ROW EXECUTE FUNCTION reviews_attended_visit_only();--> statement-breakpoint
CREATE OR REPLACE FUNCTION reservations_keep_reviewed_attended() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'attended' AND NEW.status <> 'attended' AND EXISTS (SELECT 1 FROM reviews WHERE reservation_id = OLD.id) THEN
    RAISE EXCEPTION 'reservation % has a review: it stays attended', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_attended_visit_only';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER reservations_keep_reviewed_attended BEFORE UPDATE OF status ON reservations
  FOR EACH ROW EXECUTE FUNCTION reservations_keep_reviewed_attended();--> statement-breakpoint
-- What the patient wrote never changes, and the doctor replies once: only hiding (and the first reply) may
-- change a review.
CREATE OR REPLACE FUNCTION reviews_write_once() RETURNS trigger AS $$
BEGIN
  IF (NEW.reservation_id, NEW.patient_id, NEW.doctor_id, NEW.overall, NEW.treatment, NEW.manner, NEW.explanation, NEW.recommends, NEW.comment, NEW.created_at)
     IS DISTINCT FROM (OLD.reservation_id, OLD.patient_id, OLD.doctor_id, OLD.overall, OLD.treatment, OLD.manner, OLD.explanation, OLD.recommends, OLD.comment, OLD.created_at) THEN
    RAISE EXCEPTION 'a review is never edited' USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_never_edited';
  END IF;
  IF OLD.reply IS NOT NULL AND (NEW.reply, NEW.replied_at) IS DISTINCT FROM (OLD.reply, OLD.replied_at) THEN
    RAISE EXCEPTION 'the doctor has replied already' USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_reply_once';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER reviews_write_once BEFORE UPDATE ON reviews FOR EACH ROW EXECUTE FUNCTION reviews_write_once();
--> statement-breakpoint
-- Clinic details a clinic admin keeps: opening hours and coordinates for a map link.
ALTER TABLE "clinics" ADD COLUMN "hours" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_coordinates" CHECK (("clinics"."latitude" is null) = ("clinics"."longitude" is null) and ("clinics"."latitude" is null or ("clinics"."latitude" between -90 and 90 and "clinics"."longitude" between -180 and 180)));--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_hours_length" CHECK (char_length("clinics"."hours") <= 300);
