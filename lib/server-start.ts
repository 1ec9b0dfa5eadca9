import "server-only";
import { database } from "@/db/client";
import { serveEmbeddedOverSocket } from "@/db/embedded-socket";
import { prepareDatabase } from "@/lib/demo/prepare-database";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { startAppJobs } from "@/lib/jobs/app-jobs";
import { config, ConfigError } from "./config";

const globalForStart = globalThis as unknown as { drTurnStarted?: Promise<void> };

/** Checks the configuration (a bad variable stops the process with a message naming it), opens the database —
 * an embedded one that another process holds stops it too, with a message naming that process — migrates it
 * and seeds an empty embedded one, serves an embedded database over its socket (for the job queue,
 * `npm run cleanup` and `npm run worker`), and starts the job queue's worker unless JOBS_IN_APP=false. */
export async function startServer(): Promise<void> {
  try {
    const cfg = config();
    // Next.js may load this module twice in one process; the socket and the worker must exist once.
    globalForStart.drTurnStarted ??= (async () => {
      await prepareDatabase();
      const handle = database();
      let socketPath: string | undefined;
      if ("pglite" in handle.connection && handle.connection.dataDir) {
        socketPath = (await serveEmbeddedOverSocket(handle.connection.pglite, handle.connection.dataDir)).socketPath;
      }
      if (cfg.jobs.inApp) await startAppJobs(handle, socketPath);
    })();
    await globalForStart.drTurnStarted;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
      console.error(`[dr-turn] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
