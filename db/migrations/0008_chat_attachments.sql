CREATE TYPE "public"."chat_attachment_kind" AS ENUM('image', 'pdf');--> statement-breakpoint
CREATE TABLE "chat_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"chat_request_id" uuid NOT NULL,
	"kind" "chat_attachment_kind" NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"blob_sha256" text NOT NULL,
	"thumb_sha256" text,
	"byte_size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_attachments_message_unique" UNIQUE("message_id"),
	CONSTRAINT "chat_attachments_content_type" CHECK ("chat_attachments"."content_type" in ('image/jpeg', 'application/pdf')),
	CONSTRAINT "chat_attachments_kind_matches" CHECK (("chat_attachments"."kind" = 'pdf') = ("chat_attachments"."content_type" = 'application/pdf') and ("chat_attachments"."kind" = 'image') = ("chat_attachments"."thumb_sha256" is not null)),
	CONSTRAINT "chat_attachments_size" CHECK ("chat_attachments"."byte_size" between 1 and 10485760),
	CONSTRAINT "chat_attachments_file_name" CHECK (char_length("chat_attachments"."file_name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "chat_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_blobs_sha256_hex" CHECK ("chat_blobs"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "chat_blobs_size_matches" CHECK ("chat_blobs"."byte_size" = octet_length("chat_blobs"."content") and "chat_blobs"."byte_size" > 0)
);
--> statement-breakpoint
ALTER TABLE "chat_attachments" ADD CONSTRAINT "chat_attachments_message_id_chat_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."chat_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_attachments" ADD CONSTRAINT "chat_attachments_chat_request_id_chat_requests_id_fk" FOREIGN KEY ("chat_request_id") REFERENCES "public"."chat_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_attachments" ADD CONSTRAINT "chat_attachments_blob_sha256_chat_blobs_sha256_fk" FOREIGN KEY ("blob_sha256") REFERENCES "public"."chat_blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_attachments" ADD CONSTRAINT "chat_attachments_thumb_sha256_chat_blobs_sha256_fk" FOREIGN KEY ("thumb_sha256") REFERENCES "public"."chat_blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_attachments_request_idx" ON "chat_attachments" USING btree ("chat_request_id");--> statement-breakpoint
-- At most 10 files per chat, and a file belongs to its own message's chat. The request row is locked first,
-- so two uploads at once are counted one after the other (the service takes the same lock).
CREATE FUNCTION chat_attachments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM chat_requests WHERE id = NEW.chat_request_id FOR UPDATE;
  IF NOT EXISTS (SELECT 1 FROM chat_messages m WHERE m.id = NEW.message_id AND m.chat_request_id = NEW.chat_request_id) THEN
    RAISE EXCEPTION 'chat attachment % belongs to another chat than its message', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT count(*) FROM chat_attachments a WHERE a.chat_request_id = NEW.chat_request_id) >= 10 THEN
    RAISE EXCEPTION 'chat % already has 10 attachments', NEW.chat_request_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER chat_attachments_guard BEFORE INSERT ON chat_attachments FOR EACH ROW EXECUTE FUNCTION chat_attachments_guard();
--> statement-breakpoint
-- Push (issue 17 §2): a new message or a change of a request's state or read markers wakes the conversation's
-- open event streams on every instance (LISTEN chat_events, lib/chat/chat-events.ts). Sent on commit.
CREATE FUNCTION chat_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Two branches, not a CASE: plpgsql resolves every NEW field of an expression, and each table has one of them.
  IF TG_TABLE_NAME = 'chat_messages' THEN
    PERFORM pg_notify('chat_events', NEW.chat_request_id::text);
  ELSE
    PERFORM pg_notify('chat_events', NEW.id::text);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER chat_messages_notify AFTER INSERT ON chat_messages FOR EACH ROW EXECUTE FUNCTION chat_events_notify();--> statement-breakpoint
CREATE TRIGGER chat_requests_notify AFTER UPDATE OF status, patient_read_at, doctor_read_at ON chat_requests FOR EACH ROW EXECUTE FUNCTION chat_events_notify();
