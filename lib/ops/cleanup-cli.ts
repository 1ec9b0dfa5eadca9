import { runningAppDatabase } from "@/db/cli-database";
import { database } from "@/db/client";
import { config, ConfigError } from "@/lib/config";
import { appPaymentEngine } from "@/lib/checkout/app-engine";
import { log } from "@/lib/shared/log";
import { cleanupLines, runCleanup } from "./cleanup";
import { CLEANUP_USAGE, parseCleanupArgs } from "./cleanup-args";

/** `npm run cleanup -- --hours=2 [--dry-run]`, for cron. Exit 0: done (whatever it found); 1: something went
 * wrong (the gateway could not be asked, the database failed) and the log says what; 2: bad arguments or
 * configuration. Runs against the database and gateway the app is configured with. Usage errors and the
 * report are the command's own output (plain stdout/stderr, for the person or cron mail that reads them);
 * failures are log lines, like the app's. */
async function main(): Promise<number> {
  const parsed = parseCleanupArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`cleanup: ${parsed.error.message}\n${CLEANUP_USAGE}`);
    return 2;
  }
  if (parsed.value.help) {
    console.log(CLEANUP_USAGE);
    return 0;
  }
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(`[cleanup] not run: ${error.message}`);
      return 2;
    }
    throw error;
  }
  // Without DATABASE_URL: the running app's embedded database, over the socket it serves it on.
  const opened = runningAppDatabase();
  if (!opened.ok) {
    log.error(`[cleanup] not run: ${opened.reason}`);
    return 2;
  }
  try {
    const report = await runCleanup(appPaymentEngine(), { hours: parsed.value.hours, dryRun: parsed.value.dryRun });
    for (const line of cleanupLines(report)) console.log(line);
    return report.payments.errors > 0 ? 1 : 0;
  } catch (error) {
    log.error("[cleanup] failed", error);
    return 1;
  } finally {
    await database().close();
  }
}

process.exitCode = await main();
