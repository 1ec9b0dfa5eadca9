import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Rows of a raw SQL query: graphile-worker's tables, or a statement drizzle cannot build (a CTE that
 * inserts). postgres.js answers an array, PGlite an object with `rows`. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
