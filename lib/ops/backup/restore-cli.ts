import path from "node:path";
import { existsSync } from "node:fs";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { config, ConfigError } from "@/lib/config";
import { log } from "@/lib/shared/log";
import { BackupError } from "./backup-file";
import { restorePglite } from "./pglite-backup";
import { restorePostgres } from "./postgres-backup";

const USAGE = "usage: npm run restore -- FILE   (into the EMPTY database in DATABASE_URL, or the empty PGLITE_DIR when it is unset)";

/** `npm run restore -- FILE`: loads a backup made by `npm run backup` into an empty database. Exit 0: restored;
 * 1: refused or failed (the target is left as it was: one transaction, or an untouched directory); 2: bad
 * arguments or configuration. Usage and argument errors are the command's own output; what happened is a log
 * line (JSON in production). */
async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return (console.log(USAGE), 0);
  if (argv.length !== 1 || argv[0]!.startsWith("-")) return (console.error(`restore: give exactly one backup file\n${USAGE}`), 2);
  const file = path.resolve(argv[0]!);
  if (!existsSync(file)) return (console.error(`restore: ${file} does not exist`), 2);
  let cfg;
  try {
    cfg = config();
  } catch (error) {
    if (error instanceof ConfigError) return (log.error(`[restore] not run: ${error.message}`), 2);
    throw error;
  }
  try {
    if (cfg.databaseUrl) await restorePostgres(cfg.databaseUrl, file);
    else await restorePglite(path.resolve(cfg.pgliteDir), file);
  } catch (error) {
    if (error instanceof BackupError || error instanceof DatabaseLockedError)
      return (log.error(`[restore] failed: ${error.message}`, { file }), 1);
    throw error;
  }
  log.info(
    `[restore] restored ${file} into ${cfg.databaseUrl ? "the database in DATABASE_URL" : path.resolve(cfg.pgliteDir)}; run npm run check:integrity next`,
    { file },
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
