import { parseArgs } from "node:util";
import { cliDatabase } from "@/db/cli-database";
import { fillLargeData } from "@/testing/large-data";

/** `npm run bench:fill -- --scale=0.05`: fills the (migrated, otherwise empty) database of DATABASE_URL with the
 * large data set of `npm run bench -- --data=large`, to EXPLAIN queries or run `npm run check:integrity`
 * against it. Scale 1 is a platform a year in (1 million payment attempts). */
const { values } = parseArgs({ options: { scale: { type: "string", default: "1" } } });
const handle = cliDatabase("bench:fill");
try {
  const started = Date.now();
  const counts = await fillLargeData(handle.db, Number(values.scale), (message) => console.log(`[fill] ${message}`));
  console.log(`[fill] done in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(counts)}`);
} catch (error) {
  // Drizzle's message is the query; Postgres's own reason is the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : "";
  console.error(`[fill] FAILED: ${error instanceof Error ? error.message : String(error)}${cause}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
