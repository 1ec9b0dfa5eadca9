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
    OR (a.subject_type = 'doctor_day' AND split_part(a.subject_id, '/', 1) = d.id::text));
