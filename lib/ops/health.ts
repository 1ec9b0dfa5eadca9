import { pingDatabase, type Db } from "@/db/client";
import { log } from "@/lib/shared/log";

export type Health = {
  httpStatus: 200 | 503;
  body: { status: "ok"; db: "ok" } | { status: "error"; db: "down"; reason: string } | { status: "draining" };
};

/** A load balancer checks every second or two: a database that does not answer within this is down for it. */
const PING_TIMEOUT_MS = 2_000;

/** What GET /api/health answers: 503 while the instance drains (SIGTERM, lib/ops/drain.ts) so the balancer
 * moves away before the listener closes; otherwise 200 when the database answers a query within 2 s, 503
 * with the reason when it does not. */
export async function checkHealth(db: Db, options: { draining?: boolean; timeoutMs?: number } = {}): Promise<Health> {
  if (options.draining) return { httpStatus: 503, body: { status: "draining" } };
  const timeoutMs = options.timeoutMs ?? PING_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pingDatabase(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { httpStatus: 200, body: { status: "ok", db: "ok" } };
  } catch (error) {
    log.error("[health] database check failed", error);
    return { httpStatus: 503, body: { status: "error", db: "down", reason: "database unreachable" } };
  } finally {
    clearTimeout(timer);
  }
}
