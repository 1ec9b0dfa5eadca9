import type { Sql } from "postgres";
import { isDatabaseUnavailable } from "./unavailable";

/** Fail fast while the database is unreachable. postgres.js rejects only the query that opened a connection
 * when that connection times out; every query queued behind it waits for the next attempt, and the next —
 * under load (and a balancer asking /api/health every second) a request waited out the whole outage. So the
 * pool's client is wrapped: after a query fails because the database is unreachable the breaker opens, and
 * from then on every query fails at once with DATABASE_UNAVAILABLE — except one probe at a time, at most
 * every `probeEveryMs`, that goes through; the first probe that reaches the database closes the breaker. */

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  readonly code = "DATABASE_UNAVAILABLE";
}

export type Breaker = {
  /** May this query go to the database? */
  admit(): { ok: true; probe: boolean } | { ok: false };
  /** What became of an admitted query. */
  settled(probe: boolean, error?: unknown): void;
  isOpen(): boolean;
};

export function outageBreaker(options: { probeEveryMs: number; now?: () => number }): Breaker {
  const now = options.now ?? (() => performance.now());
  let open = false;
  let lastProbe = -Infinity;
  let probing = false;
  return {
    admit() {
      if (!open) return { ok: true, probe: false };
      if (probing || now() - lastProbe < options.probeEveryMs) return { ok: false };
      probing = true;
      lastProbe = now();
      return { ok: true, probe: true };
    },
    settled(probe, error) {
      if (probe) probing = false;
      if (error !== undefined && isDatabaseUnavailable(error)) {
        if (!open) lastProbe = now();
        open = true;
      } else if (probe || error === undefined) {
        // An answer from the database — rows or an SQL error — means it is reachable again.
        open = false;
      }
    },
    isOpen: () => open,
  };
}

type Pending = PromiseLike<unknown> & { values(): Pending };

/** The postgres.js client drizzle gets: `unsafe` (every drizzle query) and `begin` (transactions) pass the
 * breaker; the rest (listen, end, options) is the client itself. Inside a transaction drizzle uses the
 * transaction's own connection, which is not wrapped. */
export function withOutageBreaker(client: Sql, breaker: Breaker): Sql {
  const refused = () => Promise.reject(new DatabaseUnavailableError("the database is unreachable (failing fast until it answers again)"));
  const watch = <T>(probe: boolean, run: () => PromiseLike<T>): Promise<T> =>
    Promise.resolve()
      .then(run)
      .then(
        (value) => {
          breaker.settled(probe);
          return value;
        },
        (error: unknown) => {
          breaker.settled(probe, error);
          throw error;
        },
      );
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (...args: Parameters<Sql["unsafe"]>) => {
          const admitted = breaker.admit();
          // The query runs when awaited; `.values()` must be called on it before that.
          const real = admitted.ok ? (target.unsafe(...args) as unknown as Pending) : undefined;
          const pending = {
            values() {
              real?.values();
              return pending;
            },
            then<A, B>(onFulfilled?: (value: unknown) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
              const result = admitted.ok && real ? watch(admitted.probe, () => real) : refused();
              return result.then(onFulfilled, onRejected);
            },
          };
          return pending;
        };
      }
      if (property === "begin") {
        return (...args: unknown[]) => {
          const admitted = breaker.admit();
          if (!admitted.ok) return refused();
          return watch(admitted.probe, () => (target.begin as (...a: unknown[]) => PromiseLike<unknown>)(...args));
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
