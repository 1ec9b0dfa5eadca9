import { cliDatabase } from "@/db/cli-database";
import { explainJson, hotQueries, planSummary } from "@/testing/hot-queries";

/** `npm run bench:explain`: EXPLAIN ANALYZE of every hot query on the database of DATABASE_URL (fill it first
 * with `npm run bench:fill`), one line per plan node, as recorded in docs/query-plans.md. */
const handle = cliDatabase("bench:explain");
try {
  for (const query of await hotQueries(handle.db)) {
    await explainJson(handle.db, query.text, true); // warm the cache: the figures are for a page asked twice
    const plan = await explainJson(handle.db, query.text, true);
    console.log(`\n### ${query.name} — ${query.source}\nexecution ${plan["Execution Time"]} ms`);
    for (const line of planSummary(plan.Plan)) console.log(line);
  }
} finally {
  await handle.close();
}
