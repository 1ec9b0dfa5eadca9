import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { accessPaths, explainJson, hotQueries, type HotQuery } from "@/testing/hot-queries";
import { fillLargeData } from "@/testing/large-data";
import type { Db } from "../client";
import { createRacePostgres } from "../testing/race-postgres";

/* Issue 15 §5: every hot query is answered from an index (docs/query-plans.md), so that a change dropping one
 * — or a new hot query written without one — fails here and not on a year's data in production. Real
 * Postgres, filled with a small share of the bench's large data set; with sequential scans switched off the
 * planner takes an index whenever one can answer the query, so the plan shows whether the index exists and
 * fits, independently of how many rows a test can afford. */

let database: Awaited<ReturnType<typeof createRacePostgres>>;
let db: Db;
let queries: HotQuery[];
beforeAll(async () => {
  database = await createRacePostgres({ poolMax: 4 });
  db = database.db;
  // 10,000 payment attempts, 20,000 slots, 6,000 reservations, 500 chat requests.
  await fillLargeData(db, 0.01);
  queries = await hotQueries(db);
}, 180_000);
afterAll(() => database.close());

async function planOf(query: HotQuery) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return (await explainJson(tx as unknown as Db, query.text)).Plan;
  });
}

describe("hot query plans", () => {
  it("covers every hot query the issue names", () => {
    const names = queries.map((query) => query.name);
    for (const name of [
      "callback by authority",
      "retry count by intent",
      "slot calendar",
      "my appointments",
      "staff payments list, first page",
      "monitoring, 7 days",
      "cleanup: stale pending attempts",
      "doctor's chat inbox",
    ]) {
      expect(names).toContain(name);
    }
  });

  it("reads each hot query's table through its index, never sequentially", async () => {
    const wrong: string[] = [];
    for (const query of queries) {
      const paths = accessPaths(await planOf(query), query.table);
      if (paths.sequential || !paths.indexes.some((index) => query.indexes.includes(index))) {
        wrong.push(
          `${query.name}: ${query.table} read ${paths.sequential ? "sequentially" : `through ${paths.indexes.join(", ") || "no index"}`}, expected ${query.indexes.join(" or ")}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it("sorts no payment attempts for the staff list: the index gives them newest first", async () => {
    const staffList = queries.find((query) => query.name === "staff payments list, first page")!;
    const plan = JSON.stringify(await planOf(staffList));
    expect(plan).not.toContain('"Node Type":"Sort"');
  });
});
