-- Issue 15 §5: indexes for the hot queries that scanned or sorted a whole table on a year's data
-- (docs/query-plans.md has the plans before and after). Plain CREATE INDEX: the migrator runs in a
-- transaction; on a live database of that size, create them CONCURRENTLY by hand first (same names), and
-- this migration then finds them — hence IF NOT EXISTS.
CREATE INDEX IF NOT EXISTS "payment_attempts_intent_idx" ON "payment_attempts" USING btree ("intent_id","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "payment_attempts_created_idx" ON "payment_attempts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "chat_requests_waiting_deadline_idx" ON "chat_requests" USING btree ("answer_deadline") WHERE "chat_requests"."status" = 'waiting';
