CREATE TYPE "public"."notification_kind" AS ENUM('reservation_confirmed', 'reservation_reminder_24h', 'reservation_reminder_2h', 'reservation_cancelled_by_clinic', 'reservation_cancelled_by_patient', 'auto_refund', 'chat_answered', 'chat_question', 'chat_expiring', 'chat_expired');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"reminders" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"reference" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"send_attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_body_length" CHECK (char_length("notifications"."body") between 1 and 600)
);
--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "local_id" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "sms_outbox_local_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "notification_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "provider_status" integer;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_per_event" ON "notifications" USING btree ("kind","reference","recipient_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."status" <> 'sent';--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD CONSTRAINT "sms_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_outbox_one_per_notification" ON "sms_outbox" USING btree ("notification_id");
--> statement-breakpoint
-- Queue the SMS in the transaction that records the notification, so the event, its notification and the
-- job that sends it commit or vanish together. graphile-worker creates its schema when the job runner first
-- starts; a notification recorded before that is picked up by the runner's sweep (lib/jobs).
CREATE FUNCTION notifications_enqueue_send() RETURNS trigger AS $$
BEGIN
  IF to_regnamespace('graphile_worker') IS NOT NULL THEN
    PERFORM graphile_worker.add_job(
      'send_notification',
      json_build_object('id', NEW.id),
      max_attempts := 10,
      job_key := 'notification:' || NEW.id::text,
      job_key_mode := 'preserve_run_at'
    );
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notifications_enqueue_send AFTER INSERT ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_enqueue_send();
