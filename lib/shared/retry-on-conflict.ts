import type { Db } from "@/db/client";
import { isRetryableConflict } from "./pg-errors";
import { log } from "@/lib/shared/log";

/** A transaction that runs again when Postgres chose it as a deadlock victim (or a serialization failure).
 * Transactions that lock rows in different orders — a schedule edit closing slots while a payment settles on
 * one of them — can meet in a deadlock; Postgres resolves it by rolling one back, which loses nothing, so
 * running it again is safe. Inside an outer transaction there is nothing to retry: the error goes up. */
export async function transactionWithRetry<T>(db: Db, work: (tx: Db) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx));
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      log.warn(`[db] transaction rolled back by a lock conflict; running it again (attempt ${attempt + 1})`);
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
    }
  }
}
