ALTER TABLE "payment_attempts" DROP CONSTRAINT "payment_attempts_purpose_matches_target";--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_purpose_matches_target" CHECK (coalesce("payment_attempts"."target"->>'kind' = "payment_attempts"."purpose"::text, false));--> statement-breakpoint
-- Two fixes to the wallet_ledger trigger of 0001.
-- 1. It moved the balance with INSERT … ON CONFLICT DO UPDATE, but Postgres checks the proposed row's CHECK
--    constraints before it looks for the conflict: the VALUES row of a debit (a negative amount) broke
--    wallets_balance_non_negative even when the balance covered it, so no debit could ever succeed. Now the
--    wallet row is made sure of at zero (which passes the check) and moved with a plain UPDATE; the check
--    still refuses any balance below zero and the row lock serialises concurrent entries.
-- 2. A BEFORE INSERT trigger runs even for a row that ON CONFLICT DO NOTHING then skips, so a repeated
--    (reason, reference) credit moved the balance without adding an entry. Entries with one
--    (reason, reference) are now serialised by an advisory lock, and a duplicate leaves the balance alone
--    and goes on to the unique constraint, which refuses or skips it.
CREATE OR REPLACE FUNCTION wallet_ledger_apply() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('wallet_ledger:' || NEW.reason::text || ':' || NEW.reference, 0));
  IF EXISTS (SELECT 1 FROM wallet_ledger WHERE reason = NEW.reason AND reference = NEW.reference) THEN
    RETURN NEW;
  END IF;
  INSERT INTO wallets (user_id, balance_rial, updated_at)
    VALUES (NEW.user_id, 0, now())
    ON CONFLICT (user_id) DO NOTHING;
  UPDATE wallets
    SET balance_rial = balance_rial + NEW.amount_rial, updated_at = now()
    WHERE user_id = NEW.user_id
    RETURNING balance_rial INTO NEW.balance_after_rial;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
