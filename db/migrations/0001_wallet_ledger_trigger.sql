-- The wallet balance is a cache of the ledger: every ledger insert moves it in the same statement, and
-- the wallets check constraint refuses any entry that would take it below zero. The ledger is append-only.
CREATE FUNCTION wallet_ledger_apply() RETURNS trigger AS $$
BEGIN
  INSERT INTO wallets (user_id, balance_rial, updated_at)
    VALUES (NEW.user_id, NEW.amount_rial, now())
    ON CONFLICT (user_id) DO UPDATE
      SET balance_rial = wallets.balance_rial + EXCLUDED.balance_rial, updated_at = now()
    RETURNING balance_rial INTO NEW.balance_after_rial;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER wallet_ledger_apply BEFORE INSERT ON wallet_ledger
  FOR EACH ROW EXECUTE FUNCTION wallet_ledger_apply();
--> statement-breakpoint
CREATE FUNCTION wallet_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'wallet_ledger is append-only' USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER wallet_ledger_append_only BEFORE UPDATE OR DELETE ON wallet_ledger
  FOR EACH ROW EXECUTE FUNCTION wallet_ledger_append_only();
--> statement-breakpoint
-- Balances change only through the ledger.
CREATE FUNCTION wallets_guard_balance() RETURNS trigger AS $$
BEGIN
  IF pg_trigger_depth() = 1 THEN
    RAISE EXCEPTION 'wallet balances change only through wallet_ledger' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER wallets_guard_balance BEFORE INSERT OR UPDATE OR DELETE ON wallets
  FOR EACH ROW EXECUTE FUNCTION wallets_guard_balance();
