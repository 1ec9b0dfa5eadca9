-- Unread counts pushed (issue 17 §2): the header's badge listens too (GET /api/chats/unread/stream). Besides
-- the chat's own id, each change now also names the two people whose count it may move — 'user:<patient>'
-- and 'user:<doctor's account>' — on the same channel, so one LISTEN per instance still serves every stream,
-- and an instance that does not know these payloads simply has nobody waiting for them. A new request is a
-- change too: it is unread for its doctor until first opened. Postgres folds identical notifications of one
-- transaction into one.
CREATE OR REPLACE FUNCTION chat_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  request_id uuid;
  patient_user uuid;
  doctor_user uuid;
BEGIN
  -- Two branches, not a CASE: plpgsql resolves every NEW field of an expression, and each table has one of them.
  IF TG_TABLE_NAME = 'chat_messages' THEN
    request_id := NEW.chat_request_id;
  ELSE
    request_id := NEW.id;
  END IF;
  PERFORM pg_notify('chat_events', request_id::text);
  SELECT r.patient_id, d.user_id INTO patient_user, doctor_user
    FROM chat_requests r JOIN doctors d ON d.id = r.doctor_id
    WHERE r.id = request_id;
  PERFORM pg_notify('chat_events', 'user:' || patient_user::text);
  IF doctor_user IS NOT NULL THEN
    PERFORM pg_notify('chat_events', 'user:' || doctor_user::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chat_requests_insert_notify AFTER INSERT ON chat_requests FOR EACH ROW EXECUTE FUNCTION chat_events_notify();
