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

/** At most `limit` queries and transactions are with postgres.js at a time; the rest wait here. When every
 * connection of the pool is lost at once (a network cut), postgres.js gives each of its connections one query
 * to reconnect with and queues the rest — a queue that drains one query per connection per failed connect
 * (DATABASE_CONNECT_TIMEOUT_S each), so a request caught in it waited 10 s and more, and it cannot be emptied
 * from outside without breaking a connection. Queries waiting here can: when the breaker opens they fail at
 * once. The limit is the pool's size, so nothing that would have run at once waits. */
type Gate = { acquire(): Promise<void>; release(): void; refuseWaiting(error: Error): void };

function gate(limit: number): Gate {
  let active = 0;
  const waiting: { go: () => void; refuse: (error: Error) => void }[] = [];
  return {
    acquire() {
      if (active < limit) {
        active++;
        return Promise.resolve();
      }
      return new Promise<void>((go, refuse) => waiting.push({ go, refuse }));
    },
    release() {
      const next = waiting.shift();
      if (next) next.go();
      else active--;
    },
    refuseWaiting(error) {
      for (const waiter of waiting.splice(0)) waiter.refuse(error);
    },
  };
}

/** The postgres.js client drizzle gets: `unsafe` (every drizzle query) and `begin` (transactions) pass the
 * breaker and the gate; the rest (listen, end, options) is the client itself. Inside a transaction drizzle
 * uses the transaction's own connection, which is not wrapped. */
export function withOutageBreaker(client: Sql, breaker: Breaker, options: { maxInFlight: number }): Sql {
  const unavailable = (why: string) => new DatabaseUnavailableError(`the database is unreachable (${why})`);
  const failingFast = () => unavailable("failing fast until it answers again");
  const inFlight = gate(options.maxInFlight);
  /** Runs `start` once the breaker admits it and the gate lets it through, and tells the breaker the outcome. */
  const guarded = async <T>(start: () => PromiseLike<T>): Promise<T> => {
    const admitted = breaker.admit();
    if (!admitted.ok) throw failingFast();
    try {
      await inFlight.acquire();
    } catch (error) {
      breaker.settled(admitted.probe, error);
      throw error;
    }
    try {
      const value = await start();
      breaker.settled(admitted.probe);
      return value;
    } catch (error) {
      const wasOpen = breaker.isOpen();
      breaker.settled(admitted.probe, error);
      if (!wasOpen && breaker.isOpen()) inFlight.refuseWaiting(unavailable("it was lost while this query waited for a connection"));
      throw error;
    } finally {
      inFlight.release();
    }
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        // postgres.js runs a query when it is awaited, and `.values()` must be called on it before that.
        return (...args: Parameters<Sql["unsafe"]>) => {
          let values = false;
          let result: Promise<unknown> | undefined;
          const pending = {
            values() {
              values = true;
              return pending;
            },
            then<A, B>(onFulfilled?: (value: unknown) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
              result ??= guarded(() => {
                const real = target.unsafe(...args) as unknown as Pending;
                return values ? real.values() : real;
              });
              return result.then(onFulfilled, onRejected);
            },
          };
          return pending;
        };
      }
      if (property === "begin") {
        return (...args: unknown[]) => guarded(() => (target.begin as (...a: unknown[]) => PromiseLike<unknown>)(...args));
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
