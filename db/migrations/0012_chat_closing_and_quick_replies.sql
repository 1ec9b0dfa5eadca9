CREATE TABLE "doctor_quick_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_quick_replies_body_length" CHECK (char_length("doctor_quick_replies"."body") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "chat_requests" ADD COLUMN "closing_summary" text;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "doctor_quick_replies" ADD CONSTRAINT "doctor_quick_replies_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_quick_replies_doctor_idx" ON "doctor_quick_replies" USING btree ("doctor_id","created_at");--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_closing_summary_length" CHECK (char_length("chat_requests"."closing_summary") between 1 and 2000);--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_closing_summary_when_closed" CHECK (("chat_requests"."closing_summary" is null) = ("chat_requests"."closed_by" is null) and ("chat_requests"."closing_summary" is null or "chat_requests"."status" = 'closed'));