import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { openEmbeddedViaSocket, type Database } from "../client";
import { embeddedSocketPath, serveEmbeddedOverSocket, type EmbeddedSocket } from "../embedded-socket";

/* The embedded database served over its socket (for the job queue and the CLIs) while the app keeps using
 * it in process: PGlite has one session, so neither side may ever run a statement inside the other's open
 * transaction. Each test rolls one side's transaction back while the other side writes. */

let pglite: PGlite;
let served: EmbeddedSocket;
let remote: Database;
// A data directory deep enough that its socket has to live under the temp directory.
const deepDir = `/tmp/${"a-very-deep-checkout-directory/".repeat(4)}pglite`;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.exec("create table marks (n int not null)");
  served = await serveEmbeddedOverSocket(pglite, deepDir);
  remote = openEmbeddedViaSocket(served.socketPath, { max: 3 });
});

afterAll(async () => {
  await remote?.close();
  await served?.close();
  await pglite?.close();
});

const marks = async () => (await pglite.query<{ n: number }>("select n from marks order by n")).rows.map((r) => r.n);

describe("the embedded database over its socket", () => {
  it("puts a deep data directory's socket where a socket path fits, the same for the app and a CLI", () => {
    expect(served.socketPath).toBe(embeddedSocketPath(deepDir));
    expect(Buffer.byteLength(served.socketPath)).toBeLessThanOrEqual(100);
  });

  it("an app statement made while a socket client's transaction is open does not land in it", async () => {
    await pglite.exec("delete from marks");
    let appWrote: Promise<unknown> | undefined;
    const rolledBack = remote.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into marks values (1)`);
        appWrote = pglite.query("insert into marks values (100)");
        await sleep(300);
        await tx.execute(sql`insert into marks values (2)`);
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    expect(await rolledBack).toBe("roll back");
    await appWrote;
    expect(await marks()).toEqual([100]);
  });

  it("a socket client's statement made while an app transaction is open does not land in it", async () => {
    await pglite.exec("delete from marks");
    let remoteWrote: Promise<unknown> | undefined;
    const rolledBack = pglite
      .transaction(async (tx) => {
        await tx.query("insert into marks values (1)");
        remoteWrote = remote.db.execute(sql`insert into marks values (200)`);
        await sleep(300);
        await tx.query("insert into marks values (2)");
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    expect(await rolledBack).toBe("roll back");
    await remoteWrote;
    expect(await marks()).toEqual([200]);
  });

  it("two socket clients' transactions do not mix either", async () => {
    await pglite.exec("delete from marks");
    const other = openEmbeddedViaSocket(served.socketPath, { max: 1 });
    try {
      const first = remote.db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into marks values (1)`);
          await sleep(200);
          throw new Error("roll back");
        })
        .catch(() => undefined);
      await sleep(50);
      await other.db.execute(sql`insert into marks values (300)`);
      await first;
      expect(await marks()).toEqual([300]);
    } finally {
      await other.close();
    }
  });
});
