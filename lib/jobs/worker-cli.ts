import { runningAppDatabase } from "@/db/cli-database";
import { config, ConfigError } from "@/lib/config";
import { startAppJobs } from "./app-jobs";

/** `npm run worker`: the job queue's worker as a process of its own (set JOBS_IN_APP=false on the app then;
 * see docs/scaling.md). Stops gracefully on SIGINT/SIGTERM: running jobs finish, nothing stays locked. */
async function main(): Promise<number> {
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`worker: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const opened = runningAppDatabase();
  if (!opened.ok) {
    console.error(`worker: ${opened.reason}`);
    return 2;
  }
  const { database } = opened;
  await database.migrate();
  const runner = await startAppJobs(database);
  const stop = async (signal: string) => {
    console.info(`[jobs] ${signal}: finishing running jobs`);
    await runner.stop();
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  try {
    await runner.promise;
    return 0;
  } catch (error) {
    console.error(`worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
