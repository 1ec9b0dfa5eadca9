import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import type { Database } from "@/db/client";
import { log } from "@/lib/shared/log";

/** The job queue: graphile-worker on the app's own database (Postgres, or embedded PGlite served over its
 * socket). Jobs live next to the records they follow, survive restarts, and are shared by every instance:
 * each job runs on one of them; scheduled ones once per tick across all of them. */

/** Where graphile-worker connects, given the app's database and, for embedded PGlite, its socket. */
export function queueConnectionString(database: Database, embeddedSocketPath?: string): string {
  const { connection } = database;
  if ("url" in connection) return connection.url;
  const socketPath = "socketPath" in connection ? connection.socketPath : embeddedSocketPath;
  if (!socketPath) throw new Error("the embedded database must be served over its socket before the job queue can use it");
  // `pg` reads host=<directory> as a Unix socket: <directory>/.s.PGSQL.<port>.
  const directory = socketPath.slice(0, socketPath.lastIndexOf("/"));
  const port = socketPath.slice(socketPath.lastIndexOf(".") + 1);
  return `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(directory)}`;
}

// graphile-worker reports every job at info level; the app's log keeps its warnings and errors.
const logger = new Logger((scope) => (level, message) => {
  if (level === "error") log.error(`[jobs] ${message}`, scope.taskIdentifier ? `(${scope.taskIdentifier} #${scope.jobId})` : "");
  else if (level === "warning") log.warn(`[jobs] ${message}`);
});

export async function startJobRunner(options: {
  connectionString: string;
  embedded: boolean;
  concurrency: number;
  taskList: TaskList;
  crontab: string;
}): Promise<Runner> {
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    maxPoolSize: options.concurrency + 2,
    // On PGlite every connection shares one session: statement names from two connections would collide.
    noPreparedStatements: options.embedded,
    // New jobs are announced with NOTIFY; the socket cannot pass that on, so the embedded default polls.
    pollInterval: options.embedded ? 1_000 : 2_000,
    noHandleSignals: true,
    logger,
    taskList: options.taskList,
    crontab: options.crontab,
  });
}
