import "server-only";
import type { Runner } from "graphile-worker";
import type { Database } from "@/db/client";
import { config } from "@/lib/config";
import { appPaymentEngine } from "@/lib/checkout/app-engine";
import { smsDriver } from "@/lib/sms/sms";
import { queueConnectionString, startJobRunner } from "./job-runner";
import { CRONTAB, jobTasks } from "./tasks";
import { log } from "@/lib/shared/log";

/** The queue's worker as the app (or `npm run worker`) runs it: the app's database, SMS driver and payment
 * engine. */
export async function startAppJobs(database: Database, embeddedSocketPath?: string): Promise<Runner> {
  const cfg = config();
  const embedded = !("url" in database.connection);
  const runner = await startJobRunner({
    connectionString: queueConnectionString(database, embeddedSocketPath),
    embedded,
    concurrency: cfg.jobs.concurrency,
    taskList: jobTasks({ db: database.db, sms: () => smsDriver(database.db), engine: appPaymentEngine }),
    crontab: CRONTAB,
  });
  log.info(`[jobs] worker running (concurrency ${cfg.jobs.concurrency}, ${embedded ? "embedded PGlite over its socket" : "PostgreSQL"})`);
  return runner;
}
