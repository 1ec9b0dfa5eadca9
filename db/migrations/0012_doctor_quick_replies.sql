CREATE TABLE "doctor_quick_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_quick_replies_body_length" CHECK (char_length("doctor_quick_replies"."body") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "doctor_quick_replies" ADD CONSTRAINT "doctor_quick_replies_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_quick_replies_doctor_idx" ON "doctor_quick_replies" USING btree ("doctor_id","created_at");