ALTER TYPE "public"."notification_kind" ADD VALUE 'visit_delayed';--> statement-breakpoint
CREATE TABLE "visit_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doctor_id" uuid NOT NULL,
	"delay_minutes" integer NOT NULL,
	"starts_from" timestamp with time zone NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_notices_delay_range" CHECK ("visit_notices"."delay_minutes" between 5 and 240),
	CONSTRAINT "visit_notices_window" CHECK ("visit_notices"."starts_from" < "visit_notices"."until")
);
--> statement-breakpoint
ALTER TABLE "visit_notices" ADD CONSTRAINT "visit_notices_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_notices" ADD CONSTRAINT "visit_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_notices_doctor_idx" ON "visit_notices" USING btree ("doctor_id","until");