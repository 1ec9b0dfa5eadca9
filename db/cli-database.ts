import "server-only";
import { existsSync } from "node:fs";
import { config } from "@/lib/config";
import { adoptDatabase, database, openEmbeddedViaSocket, type Database } from "./client";
import { embeddedSocketPath } from "./embedded-socket";
import { DatabaseLockedError } from "./pglite-lock";
import { log } from "@/lib/shared/log";

/** database() for the command-line tools that open the database themselves (migrate, seed, integrity check):
 * an embedded database that a running server holds ends the tool with the lock's message (who holds it, what
 * to do) and exit code 1, instead of a stack trace. */
export function cliDatabase(tool: string): Database {
  try {
    return database();
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    log.error(`${tool}: ${error.message}`);
    process.exit(1);
  }
}

/** The database a command-line tool that works beside the app (cleanup, worker) uses: DATABASE_URL's, or — with
 * the embedded default — the running app's PGlite, over the socket the app serves it on (the directory is the
 * app's alone). Null, with the reason, when neither can be had. */
export function runningAppDatabase(): { ok: true; database: Database } | { ok: false; reason: string } {
  const cfg = config();
  if (cfg.databaseUrl) return { ok: true, database: database() };
  const socketPath = embeddedSocketPath(cfg.pgliteDir);
  if (!existsSync(socketPath)) {
    return {
      ok: false,
      reason: `DATABASE_URL is not set and no app is serving the embedded database (${socketPath} is missing): start the app (npm run dev or npm start) in this directory first, or set DATABASE_URL.`,
    };
  }
  const handle = openEmbeddedViaSocket(socketPath);
  adoptDatabase(handle);
  return { ok: true, database: handle };
}
