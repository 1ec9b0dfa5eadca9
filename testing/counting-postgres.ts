import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";

/** A database handle on one connection of its own that can count what a piece of code asks of Postgres:
 * every message it sends, BEGIN and COMMIT included, by the statement's first words. The payment path's round
 * trips are counted with it by a test (an exact assertion) and by `npm run bench` (a column of its table). */
export function countingPostgres(url: string) {
  const statements: string[] = [];
  let counting = false;
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => {
      if (counting) statements.push(query.trim().split(/\s+/).slice(0, 4).join(" "));
    },
  });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    /** Runs `work` and gives back what it sent (only its own: the connection is this handle's alone). */
    async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      statements.length = 0;
      counting = true;
      try {
        const result = await work();
        return { result, statements: [...statements] };
      } finally {
        counting = false;
      }
    },
    end: () => client.end({ timeout: 5 }),
  };
}
