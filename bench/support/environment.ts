import { cpus, loadavg, totalmem } from "node:os";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { holdBuildLock, ensureBuild } from "./build";
import { projectRoot } from "./paths";
import { onTeardown } from "./teardown";

/** The build, under the shared build lock, and a fresh database on the Postgres server of DATABASE_URL
 * (the local one without it), dropped at teardown. */
export async function prepareBuildAndDatabase(options: { build: { force?: boolean; skip?: boolean } }) {
  const lock = await holdBuildLock();
  onTeardown("release the build lock", lock.release);
  ensureBuild(options.build);
  const database = await createRacePostgres({ poolMax: 20 });
  onTeardown("drop the database", database.close);
  const server = new URL(database.url);
  console.log(`[setup] fresh database ${server.pathname.slice(1)} on ${server.host}`);
  return database;
}

export async function machineFacts(db: Db) {
  const [row] = (await db.execute(sql`select current_setting('server_version') as version`)) as unknown as { version: string }[];
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: row?.version ?? "unknown",
    /** Other work on the machine when the run started (1-minute load average): on a shared machine it
     * explains much of the spread between runs. */
    loadAverageAtStart: Math.round(loadavg()[0]! * 10) / 10,
    nextBuildId: readFileSync(path.join(projectRoot, ".next", "BUILD_ID"), "utf8").trim(),
  };
}
