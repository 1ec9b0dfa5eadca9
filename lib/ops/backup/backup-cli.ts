import { mkdir } from "node:fs/promises";
import path from "node:path";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { config, ConfigError } from "@/lib/config";
import { log } from "@/lib/shared/log";
import { BackupError } from "./backup-file";
import { dumpPglite } from "./pglite-backup";
import { dumpPostgres } from "./postgres-backup";

const USAGE = "usage: npm run backup [-- --out=FILE]   (default: backups/drturn-<UTC time>.dump, or .tar.gz for the embedded database)";

/** `npm run backup`: a consistent dump of the database the app is configured with. Exit 0: written (the path
 * is logged); 1: failed, nothing left behind; 2: bad arguments or configuration. Usage and argument errors
 * are the command's own output; what happened is a log line (JSON in production: cron's log is a log). */
async function main(argv: string[]): Promise<number> {
  let out: string | undefined;
  for (const arg of argv) {
    if (arg.startsWith("--out=") && arg.length > "--out=".length) out = arg.slice("--out=".length);
    else if (arg === "--help" || arg === "-h") return (console.log(USAGE), 0);
    else return (console.error(`backup: unknown argument ${arg}\n${USAGE}`), 2);
  }
  let cfg;
  try {
    cfg = config();
  } catch (error) {
    if (error instanceof ConfigError) return (log.error(`[backup] not run: ${error.message}`), 2);
    throw error;
  }
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const file = path.resolve(out ?? `backups/drturn-${stamp}.${cfg.databaseUrl ? "dump" : "tar.gz"}`);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    if (cfg.databaseUrl) await dumpPostgres(cfg.databaseUrl, file);
    else await dumpPglite(path.resolve(cfg.pgliteDir), file);
  } catch (error) {
    if (error instanceof BackupError || error instanceof DatabaseLockedError)
      return (log.error(`[backup] failed: ${error.message}`, { file }), 1);
    throw error;
  }
  log.info(`[backup] written (${cfg.databaseUrl ? "pg_dump" : "pglite"}): ${file}`, { file });
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
