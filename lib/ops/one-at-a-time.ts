import { sql } from "drizzle-orm";
import { isSingleBackend, type Db } from "@/db/client";

const running = new Map<string, Promise<unknown>>();

/** Runs `work` while no other holder of `key` does, across every process on the database: a second caller
 * waits for the first to finish (then usually finds nothing left to do). On Postgres a transaction-scoped
 * advisory lock, held on one pooled connection while `work` uses the others; on embedded PGlite, which only
 * one process can open and whose transactions queue behind each other (also when reached over its socket,
 * where holding a transaction open would stall every other connection), an in-process queue.
 * `work` must use its own handle, never a transaction of this one. */
export async function oneAtATime<T>(db: Db, key: string, work: () => Promise<T>): Promise<T> {
  if (isSingleBackend(db)) {
    const previous = running.get(key) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    running.set(key, mine);
    try {
      return await mine;
    } finally {
      if (running.get(key) === mine) running.delete(key);
    }
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    return work();
  });
}
