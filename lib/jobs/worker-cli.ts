import { runningAppDatabase } from "@/db/cli-database";
import { config, ConfigError } from "@/lib/config";
import { log } from "@/lib/shared/log";
import { startAppJobs } from "./app-jobs";

/** `npm run worker`: the job queue's worker as a process of its own (set JOBS_IN_APP=false on the app then;
 * see docs/scaling.md). Stops gracefully on SIGINT/SIGTERM: running jobs finish, nothing stays locked. It is a
 * service, not a command a person reads: every line goes through the logger (JSON in production). */
async function main(): Promise<number> {
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(`[jobs] worker not started: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const opened = runningAppDatabase();
  if (!opened.ok) {
    log.error(`[jobs] worker not started: ${opened.reason}`);
    return 2;
  }
  const { database } = opened;
  await database.migrate();
  const runner = await startAppJobs(database);
  const stop = async (signal: string) => {
    log.info(`[jobs] ${signal}: finishing running jobs`, { signal });
    await runner.stop();
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  try {
    await runner.promise;
    return 0;
  } catch (error) {
    log.error("[jobs] worker failed", error);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
