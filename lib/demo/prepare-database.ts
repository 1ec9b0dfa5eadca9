import "server-only";
import { count } from "drizzle-orm";
import { database } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoData } from "./seed";

/** Runs at server start: migrations always; demo data only into an empty embedded database, so that
 * `npm run dev` on a fresh clone has doctors to show and a real Postgres is never seeded by surprise. */
export async function prepareDatabase(): Promise<void> {
  const { db, kind, migrate } = database();
  await migrate();
  if (kind !== "pglite") return;
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) === 0) await seedDemoData(db);
}
