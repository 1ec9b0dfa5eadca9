import http from "node:http";
import { log } from "@/lib/shared/log";

/** A deploy that drops nothing. On SIGTERM (or SIGINT) the instance:
 *  1. answers 503 on /api/health (isDraining) while it still serves, for `noticeMs`, so that the load balancer
 *     takes it out before anything is refused; every response from now on says `Connection: close`;
 *  2. closes its listener (new connections are refused and the balancer retries them elsewhere), cuts the
 *     event streams (the chat page reconnects to another instance) and waits for the requests in flight —
 *     gateway callbacks and their settlements — to finish;
 *  3. waits for the job worker's graceful stop (running jobs finish, nothing stays locked), closes the
 *     database pool and exits 0.
 * All of it within `timeoutMs`; past it the process exits 1 naming what still ran.
 *
 * Next.js leaves the signals to us only when NEXT_MANUAL_SIG_HANDLE=true is in the environment of the start
 * command (Next 16 start-server.js otherwise closes the listener at once, waits without a bound and exits
 * 143). The hooks sit on http.Server.prototype like lib/auth/peer-address.ts does: Next creates its server
 * before the app's code runs. State lives on globalThis: instrumentation and the route handlers are
 * separate bundles with separate module instances. */

type DrainState = {
  draining: boolean;
  installed: boolean;
  servers: Set<http.Server>;
  inFlight: Set<http.ServerResponse>;
};

const KEY = Symbol.for("dr-turn.drain");
const globalForDrain = globalThis as unknown as { [KEY]?: DrainState };

function state(): DrainState {
  globalForDrain[KEY] ??= { draining: false, installed: false, servers: new Set(), inFlight: new Set() };
  return globalForDrain[KEY];
}

/** True from the signal on: /api/health answers 503. */
export function isDraining(): boolean {
  return state().draining;
}

/** Requests being answered by this process right now. */
export function requestsInFlight(): number {
  return state().inFlight.size;
}

/** Counts every request of every HTTP server of this process until its response is finished or its socket
 * closed. Idempotent. */
export function trackRequests(): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  const proto = http.Server.prototype;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function emitTracked(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const response = args[1] as http.ServerResponse;
      current.servers.add(this);
      current.inFlight.add(response);
      response.once("close", () => current.inFlight.delete(response));
      if (current.draining) response.setHeader("connection", "close");
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}

export type DrainSteps = {
  noticeMs: number;
  timeoutMs: number;
  /** The job worker's graceful stop, if this process runs one. */
  stopJobs?: () => Promise<void>;
  closeDatabase: () => Promise<void>;
  log?: (line: string, level: "info" | "error") => void;
  exit?: (code: number) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isEventStream(response: http.ServerResponse): boolean {
  return String(response.getHeader("content-type") ?? "").startsWith("text/event-stream");
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How the job worker's stop ended, for the drain's last line: an operator reads "stopped" only when it did. */
type WorkerStop = { state: "none" } | { state: "stopping" } | { state: "stopped" } | { state: "failed"; reason: string };

function workerText(stop: WorkerStop): string {
  switch (stop.state) {
    case "none":
      return "no job worker in this process";
    case "stopping":
      return "the job worker's stop has not finished (running jobs may be left locked until graphile-worker's lock expires)";
    case "stopped":
      return "job worker stopped";
    case "failed":
      return `the job worker's stop FAILED (${stop.reason}; running jobs may be left locked until graphile-worker's lock expires)`;
  }
}

/** The drain itself (drainOnSignals runs it on the first signal); exported for its unit test. */
export async function drain(signal: string, steps: DrainSteps): Promise<void> {
  const current = state();
  const say = steps.log ?? ((line: string, level: "info" | "error") => log[level](line));
  const exit = steps.exit ?? ((code: number) => process.exit(code));
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  current.draining = true;
  let phase: "notice" | "in-flight requests" | "job worker" | "database pool" = "notice";
  // Held in an object: it is set from the stop's callbacks, after the checks below were typed.
  const worker: { stop: WorkerStop } = { stop: steps.stopJobs ? { state: "stopping" } : { state: "none" } };
  const bound = setTimeout(() => {
    const what =
      phase === "job worker" ? workerText(worker.stop) : `${current.inFlight.size} requests still in flight; ${workerText(worker.stop)}`;
    say(`[drain] not done after ${steps.timeoutMs} ms (${phase}): ${what}; exiting 1`, "error");
    exit(1);
  }, steps.timeoutMs);

  say(
    `[drain] ${signal}: /api/health answers 503; the listener closes in ${steps.noticeMs} ms; ${current.inFlight.size} requests in flight`,
    "info",
  );
  // The worker takes no new job from now on; the ones running finish while the requests do.
  const jobsStopped = steps.stopJobs
    ? steps.stopJobs().then(
        () => void (worker.stop = { state: "stopped" }),
        (error: unknown) => {
          worker.stop = { state: "failed", reason: describeError(error) };
          say(`[drain] the job worker did not stop cleanly: ${describeError(error)}`, "error");
        },
      )
    : Promise.resolve();
  await sleep(steps.noticeMs);

  phase = "in-flight requests";
  for (const server of current.servers) server.close();
  const atClose = current.inFlight.size;
  for (const response of current.inFlight) if (isEventStream(response)) response.socket?.destroy();
  while (current.inFlight.size > 0) await sleep(25);
  // Keep-alive sockets with no request on them; nothing is cut.
  for (const server of current.servers) server.closeAllConnections();
  const requestsDoneMs = elapsed();

  phase = "job worker";
  await jobsStopped;
  phase = "database pool";
  let pool = "pool closed";
  await steps.closeDatabase().catch((error: unknown) => {
    pool = `closing the pool FAILED (${describeError(error)})`;
  });
  clearTimeout(bound);
  // Exit 1 when a part did not stop: the orchestrator (and whoever reads its events) should see it.
  const clean = worker.stop.state !== "failed" && pool === "pool closed";
  say(
    `[drain] done in ${elapsed()} ms: ${atClose} requests were in flight when the listener closed, the last finished at ${requestsDoneMs} ms; ${workerText(worker.stop)}, ${pool}; exiting ${clean ? 0 : 1}`,
    clean ? "info" : "error",
  );
  exit(clean ? 0 : 1);
}

/** Forgets a finished drain (the flag, the servers seen): for tests, which drain one process many times. */
export function resetDrain(): void {
  const current = state();
  current.draining = false;
  current.servers.clear();
  current.inFlight.clear();
}

/** Runs the drain on the first SIGTERM or SIGINT; a second one while draining changes nothing (SIGKILL does). */
export function drainOnSignals(steps: DrainSteps): void {
  trackRequests();
  let once: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    once ??= drain(signal, steps);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
