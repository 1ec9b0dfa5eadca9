import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { users } from "@/db/schema";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { err, ok } from "./result";
import { transactionResult } from "./transaction-result";

/* On real Postgres: a deadlock needs two connections. */
let database: Database;
const db = () => database.db;
beforeAll(async () => {
  database = await createRacePostgres({ poolMax: 4 });
});
afterAll(() => database?.close());

let first: string;
let second: string;
beforeEach(async () => {
  await db().delete(users);
  const rows = await db()
    .insert(users)
    .values([
      { phone: "09120000001", name: "یک" },
      { phone: "09120000002", name: "دو" },
    ])
    .returning({ id: users.id });
  [first, second] = rows.map((r) => r.id) as [string, string];
});

const nameOf = async (id: string) => (await db().select({ name: users.name }).from(users).where(eq(users.id, id)))[0]!.name;

/** Resolves once `count` callers have arrived: holds each transaction until all hold their first lock. */
function barrier(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return opened;
  };
}

describe("transactionResult", () => {
  it("commits what the work wrote when it answers ok", async () => {
    const result = await transactionResult(db(), async (tx) => {
      await tx.update(users).set({ name: "نوشته شد" }).where(eq(users.id, first));
      return ok("done");
    });
    expect(result).toEqual({ ok: true, value: "done" });
    expect(await nameOf(first)).toBe("نوشته شد");
  });

  it("rolls back what the work wrote when it answers err, and returns the err", async () => {
    const result = await transactionResult(db(), async (tx) => {
      await tx.update(users).set({ name: "نیمه‌کاره" }).where(eq(users.id, first));
      return err({ code: "insufficient_balance" as const });
    });
    expect(result).toEqual({ ok: false, error: { code: "insufficient_balance" } });
    expect(await nameOf(first)).toBe("یک");
  });

  it("inside an outer transaction, rolls back only its own writes", async () => {
    await db().transaction(async (outer) => {
      await outer.update(users).set({ name: "بیرونی" }).where(eq(users.id, second));
      const inner = await transactionResult(outer, async (tx) => {
        await tx.update(users).set({ name: "درونی" }).where(eq(users.id, first));
        return err({ code: "nope" as const });
      });
      expect(inner.ok).toBe(false);
    });
    expect(await nameOf(first)).toBe("یک");
    expect(await nameOf(second)).toBe("بیرونی");
  });

  it("lets a thrown error through, without running the work again", async () => {
    let runs = 0;
    await expect(
      transactionResult(db(), async (tx) => {
        runs++;
        await tx.update(users).set({ name: "خطا" }).where(eq(users.id, first));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(runs).toBe(1);
    expect(await nameOf(first)).toBe("یک");
  });

  it("runs the deadlock victim again: two transactions locking the same rows in opposite orders both commit", async () => {
    const bothHoldOne = barrier(2);
    let runs = 0;
    const lockInOrder = (a: string, b: string, name: string) =>
      transactionResult(db(), async (tx: Db) => {
        runs++;
        await tx.select().from(users).where(eq(users.id, a)).for("update");
        await bothHoldOne(); // on a second run the barrier is already open
        await tx.select().from(users).where(eq(users.id, b)).for("update");
        await tx
          .update(users)
          .set({ name })
          .where(inArray(users.id, [a, b]));
        return ok(name);
      });

    const results = await Promise.all([lockInOrder(first, second, "الف"), lockInOrder(second, first, "ب")]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    // Postgres rolled one back as the deadlock victim; it ran once more, after the other committed.
    expect(runs).toBe(3);
    const names = [await nameOf(first), await nameOf(second)];
    expect(names[0]).toBe(names[1]);
  });
});
