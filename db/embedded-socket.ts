import "server-only";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** The embedded PGlite database is a directory only one process may open: the app's. Other clients — the
 * job queue's own connections (graphile-worker speaks the wire protocol through `pg`), `npm run cleanup`,
 * `npm run worker` — reach it over the Postgres wire protocol on a Unix socket inside that directory,
 * served from the app process (`<data dir>/.s.PGSQL.5432`).
 *
 * PGlite is one backend: every client shares one session. The socket server queues messages so that a
 * client's transaction only sees its own statements; the app's own queries and transactions go straight to
 * PGlite and wait on its transaction lock. `gatedForSocket` makes the socket's side take that same lock
 * for each message and keep it for as long as a socket client's transaction stays open, so neither side can
 * ever run a statement inside the other's transaction. */

/** The socket file: `<dir>/.s.PGSQL.5432`, the name libpq and `pg` use for host=<dir>, port=5432. */
export const EMBEDDED_SOCKET_PORT = 5432;
// A Unix socket path may not be longer than ~107 bytes; a deep checkout gets one under the temp directory,
// named after the data directory so that the app and a CLI find the same one.
const SOCKET_PATH_MAX = 100;
export function embeddedSocketPath(dataDir: string): string {
  const directory = path.resolve(dataDir);
  const name = `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`;
  const inside = path.join(directory, name);
  if (Buffer.byteLength(inside) <= SOCKET_PATH_MAX) return inside;
  const short = path.join(tmpdir(), `drturn-${createHash("sha256").update(directory).digest("hex").slice(0, 16)}`);
  mkdirSync(short, { recursive: true });
  return path.join(short, name);
}

// A simple-protocol `ROLLBACK` ('Q', length, text, NUL), for a client that vanished mid-transaction.
const ROLLBACK_MESSAGE = (() => {
  const text = Buffer.from("ROLLBACK\0", "utf8");
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0, "ascii");
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
})();

function gatedForSocket(pglite: PGlite): PGlite {
  let release: (() => void) | null = null;
  const acquire = () =>
    new Promise<() => void>((acquired) => {
      void pglite._runExclusiveTransaction(() => new Promise<void>((done) => acquired(done)));
    });
  const releaseUnlessInTransaction = () => {
    if (release && !pglite.isInTransaction()) {
      const done = release;
      release = null;
      done();
    }
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property === "runExclusive") {
        return async <T>(work: () => Promise<T>): Promise<T> => {
          release ??= await acquire();
          try {
            return await target.runExclusive(work);
          } finally {
            releaseUnlessInTransaction();
          }
        };
      }
      if (property === "exec") {
        // Only used by the socket server to roll back a disconnected client's transaction, while that
        // transaction (and so the lock) is still held: going through PGlite's exec would wait for it.
        return async () => {
          await target.runExclusive(() => target.execProtocolRawStream(ROLLBACK_MESSAGE, { onRawData: () => {} }));
          releaseUnlessInTransaction();
          return [];
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export type EmbeddedSocket = { socketPath: string; close(): Promise<void> };

export async function serveEmbeddedOverSocket(pglite: PGlite, dataDir: string): Promise<EmbeddedSocket> {
  const socketPath = embeddedSocketPath(dataDir);
  // A socket file left by a killed server: nobody can be serving it, since this process holds the directory.
  if (existsSync(socketPath)) rmSync(socketPath);
  const server = new PGLiteSocketServer({ db: gatedForSocket(pglite), path: socketPath, maxConnections: 64 });
  await server.start();
  return {
    socketPath,
    async close() {
      await server.stop();
      if (existsSync(socketPath)) rmSync(socketPath);
    },
  };
}
