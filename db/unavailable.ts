/** True when `error` (or any error in its `cause` chain, as drizzle wraps the driver's) says the database
 * could not be reached or the connection was lost — not that a query was wrong. Such a request changed
 * nothing it had not committed, and the same request later, once the database is back, is safe. */
const UNREACHABLE = new Set([
  // ours: the outage breaker failing fast (db/outage-breaker.ts)
  "DATABASE_UNAVAILABLE",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  // the operating system
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL shutting down or not accepting connections yet: admin_shutdown, crash_shutdown, cannot_connect_now
  "57P01",
  "57P02",
  "57P03",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNREACHABLE.has(code)) return true;
  }
  return false;
}
