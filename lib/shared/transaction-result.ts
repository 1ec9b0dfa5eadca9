import type { Db } from "@/db/client";
import type { Err, Result } from "./result";
import { transactionWithRetry } from "./retry-on-conflict";

/** Carries an `err` out of the transaction callback: throwing is how a drizzle transaction rolls back. */
class RolledBack<E extends { code: string }> extends Error {
  constructor(readonly result: Err<E>) {
    super(`rolled back: ${result.error.code}`);
  }
}

/** A transaction whose work answers with a Result: committed when it is `ok`, rolled back when it is `err` —
 * so a check that fails halfway (a short balance, a slot taken meanwhile) leaves nothing written — and run
 * again from the start when Postgres picked it as a deadlock victim or a serialization failure
 * (transactionWithRetry). The `err` is returned, never thrown; anything thrown still goes up. */
export async function transactionResult<T, E extends { code: string }>(
  db: Db,
  work: (tx: Db) => Promise<Result<T, E>>,
  attempts?: number,
): Promise<Result<T, E>> {
  try {
    return await transactionWithRetry(
      db,
      async (tx) => {
        const result = await work(tx);
        if (!result.ok) throw new RolledBack(result);
        return result;
      },
      attempts,
    );
  } catch (error) {
    if (error instanceof RolledBack) return error.result as Err<E>;
    throw error;
  }
}
