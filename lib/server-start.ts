import "server-only";
import { database } from "@/db/client";
import { serveEmbeddedOverSocket } from "@/db/embedded-socket";
import { prepareDatabase } from "@/lib/demo/prepare-database";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { startAppJobs } from "@/lib/jobs/app-jobs";
import { drainOnSignals } from "@/lib/ops/drain";
import { config, ConfigError } from "./config";
import { log } from "@/lib/shared/log";

const globalForStart = globalThis as unknown as { drTurnStarted?: Promise<void> };

/** Checks the configuration (a bad variable stops the process with a message naming it), opens the database —
 * an embedded one that another process holds stops it too, with a message naming that process — migrates it
 * and seeds an empty embedded one, serves an embedded database over its socket (for the job queue,
 * `npm run cleanup` and `npm run worker`), starts the job queue's worker unless JOBS_IN_APP=false, and takes
 * over SIGTERM/SIGINT for the drain (lib/ops/drain.ts) when the start command set NEXT_MANUAL_SIG_HANDLE. */
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
      const runner = cfg.jobs.inApp ? await startAppJobs(handle, socketPath) : undefined;
      if (cfg.drain.manualSignals) {
        drainOnSignals({
          noticeMs: cfg.drain.noticeMs,
          timeoutMs: cfg.drain.timeoutMs,
          stopJobs: runner && (() => runner.stop("SIGTERM: the instance drains")),
          closeDatabase: () => handle.close(),
        });
      } else if (cfg.production) {
        log.warn(
          "[drain] NEXT_MANUAL_SIG_HANDLE is not set: on SIGTERM Next.js closes the listener at once and exits 143 without stopping the job worker (use `npm start`, which sets it)",
        );
      }
    })();
    await globalForStart.drTurnStarted;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
      log.error(`[dr-turn] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
