import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { asc, count } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, type Database, type Db, embeddedEngine } from "@/db/client";
import { chatMessages, chatRequests, paymentAttempts, reservations, users, walletLedger, wallets } from "@/db/schema";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { seedDemoData } from "@/lib/demo/seed";
import { createThrowawayPostgres } from "@/db/testing/throwaway-postgres";
import { buyChat, makeChatDoctor, makeUser } from "@/lib/chat/testing/chat-world";
import { buildEngine } from "@/testing/engine-harness";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { dumpPglite, dumpPgliteClient, restorePglite } from "./pglite-backup";
import { dumpPostgres, restorePostgres } from "./postgres-backup";

const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Demo data (payments of every outcome, refunds, a staff-cancelled visit, ledger) plus a chat bought from the
 * wallet with a message in it. */
async function fill(db: Db) {
  await seedDemoData(db);
  const { engine } = buildEngine(db, "http://127.0.0.1:9");
  const { doctor, account } = await makeChatDoctor(db);
  const patient = await makeUser(db, "patient");
  const request = await buyChat(engine, patient.id, doctor.id);
  await db.insert(chatMessages).values({ chatRequestId: request.id, senderId: account.id, body: "لطفا مایعات زیاد بنوشید." });
}

/** What must survive a restore unchanged: every row count that matters and every balance. */
async function fingerprint(db: Db) {
  const countOf = async (
    table: typeof users | typeof paymentAttempts | typeof reservations | typeof chatRequests | typeof chatMessages | typeof walletLedger,
  ) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await countOf(users),
    paymentAttempts: await countOf(paymentAttempts),
    reservations: await countOf(reservations),
    chatRequests: await countOf(chatRequests),
    chatMessages: await countOf(chatMessages),
    ledger: await countOf(walletLedger),
    balances: await db.select({ userId: wallets.userId, balanceRial: wallets.balanceRial }).from(wallets).orderBy(asc(wallets.userId)),
  };
}

async function expectIntact(db: Db) {
  // Every invariant of lib/invariants: no ghost records, every paid attempt with its record, wallets equal
  // to their ledgers, nothing refunded twice.
  expect(await invariantViolations(db)).toEqual([]);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "drturn-backup-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("pg_dump backup → restore", () => {
  let source: Database & { url: string };
  let emptyUrl: string;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  const emptyName = `drturn_restore_${randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    source = await createThrowawayPostgres(SERVER_URL, { prefix: "drturn_backup", poolMax: 5 });
    await fill(source.db);
    await admin.unsafe(`create database ${emptyName}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${emptyName}`;
    emptyUrl = url.toString();
  });
  afterAll(async () => {
    await source?.close();
    await admin.unsafe(`drop database if exists ${emptyName} with (force)`);
    await admin.end({ timeout: 5 });
  });

  it("round-trips a seeded database: same rows, same balances, integrity checks pass", async () => {
    const file = path.join(tmp, "pg.dump");
    await dumpPostgres(source.url, file);
    await restorePostgres(emptyUrl, file);
    const restored = openPostgres(emptyUrl, { max: 2 });
    try {
      const before = await fingerprint(source.db);
      expect(before.chatMessages).toBeGreaterThan(0);
      expect(before.reservations).toBeGreaterThan(0);
      expect(await fingerprint(restored.db)).toEqual(before);
      await expectIntact(restored.db);
      // The restored copy is a working database: its migration history is there, so migrate is a no-op.
      await restored.migrate();
    } finally {
      await restored.close();
    }
  });

  it("refuses a database that is not empty, changing nothing", async () => {
    const file = path.join(tmp, "pg2.dump");
    await dumpPostgres(source.url, file);
    const before = await fingerprint(source.db);
    await expect(restorePostgres(source.url, file)).rejects.toThrow(/not empty/);
    expect(await fingerprint(source.db)).toEqual(before);
  });

  it("refuses a file that is not a pg_dump backup", async () => {
    const file = path.join(tmp, "junk.dump");
    await writeFile(file, "not a dump");
    await expect(restorePostgres(emptyUrl, file)).rejects.toThrow(/not a pg_dump backup/);
  });
});

describe("embedded PGlite backup → restore", () => {
  it("round-trips a seeded data directory into an empty one", async () => {
    const file = path.join(tmp, "pglite.tar.gz");
    // In memory: creating and seeding an on-disk PGlite takes minutes on a busy machine; the dump is the same.
    const source = openPglite();
    await source.migrate();
    await fill(source.db);
    const before = await fingerprint(source.db);
    await dumpPgliteClient(embeddedEngine(source)!, file);
    await source.close();

    const targetDir = path.join(tmp, "pglite-target");
    await restorePglite(targetDir, file);
    const restored = openPglite(targetDir);
    try {
      expect(await fingerprint(restored.db)).toEqual(before);
      await expectIntact(restored.db);
    } finally {
      await restored.close();
    }
    await expect(restorePglite(targetDir, file)).rejects.toThrow(/not empty/);
  }, 120_000); // the restored directory is opened twice: each start of an on-disk PGlite takes seconds

  it("will not back up a directory that holds no database", async () => {
    await expect(dumpPglite(path.join(tmp, "pglite-missing"), path.join(tmp, "missing.tar.gz"))).rejects.toThrow(/no embedded database/);
    expect(await readdir(tmp)).not.toContain("pglite-missing");
  });

  it("will not dump a directory another process holds", async () => {
    const dir = path.join(tmp, "pglite-held");
    const holder = openPglite(dir);
    await embeddedEngine(holder)!.waitReady;
    try {
      // Same process here, but the lock is per directory: a second open is refused as it is for a second process.
      await expect(dumpPglite(dir, path.join(tmp, "held.tar.gz"))).rejects.toThrow(DatabaseLockedError);
      expect(await readdir(tmp)).not.toContain("held.tar.gz");
    } finally {
      await holder.close();
    }
  }, 60_000);
});
