import "server-only";
import { existsSync } from "node:fs";
import { config } from "@/lib/config";
import { database, openEmbeddedViaSocket, adoptDatabase, type Database } from "./client";
import { embeddedSocketPath } from "./embedded-socket";

/** The database a command-line tool (cleanup, worker) works on: DATABASE_URL's, or — with the embedded
 * default — the running app's PGlite, over the socket the app serves it on (the directory is the app's
 * alone). Null, with the reason, when neither can be had. */
export function cliDatabase(): { ok: true; database: Database } | { ok: false; reason: string } {
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
