import { describe, expect, it } from "vitest";
import type { Sql } from "postgres";
import { outageBreaker, withOutageBreaker } from "./outage-breaker";

const unreachable = () => Object.assign(new Error("write CONNECT_TIMEOUT"), { code: "CONNECT_TIMEOUT" });

/** A stand-in for the postgres.js client: each query answers what `answer` says at the time it runs. */
function fakeClient(answer: () => "rows" | "unreachable" | "sql-error") {
  let ran = 0;
  const unsafe = () => {
    let values = false;
    const run = () => {
      ran++;
      const a = answer();
      if (a === "unreachable") return Promise.reject(unreachable());
      if (a === "sql-error") return Promise.reject(Object.assign(new Error("duplicate key"), { code: "23505" }));
      return Promise.resolve(values ? [[1]] : [{ one: 1 }]);
    };
    const pending = {
      values() {
        values = true;
        return pending;
      },
      then: (f: (v: unknown) => unknown, r: (e: unknown) => unknown) => run().then(f, r),
    };
    return pending;
  };
  return {
    client: { unsafe, begin: async (fn: (tx: unknown) => unknown) => fn({}), options: { parsers: {} } } as unknown as Sql,
    ran: () => ran,
  };
}

describe("the outage breaker", () => {
  it("after one query found the database unreachable, fails the next ones at once without sending them", async () => {
    let clock = 0;
    let state: "rows" | "unreachable" = "unreachable";
    const fake = fakeClient(() => state);
    const sql = withOutageBreaker(fake.client, outageBreaker({ probeEveryMs: 1_000, now: () => clock }));
    await expect(sql.unsafe("select 1")).rejects.toMatchObject({ code: "CONNECT_TIMEOUT" });
    await expect(sql.unsafe("select 1")).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    await expect(sql.begin(async () => 1)).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    expect(fake.ran()).toBe(1);

    // A second later one probe goes through; while it fails, the breaker stays open.
    clock = 1_000;
    await expect(sql.unsafe("select 1")).rejects.toMatchObject({ code: "CONNECT_TIMEOUT" });
    await expect(sql.unsafe("select 1")).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    expect(fake.ran()).toBe(2);

    // The database is back: the next probe reaches it and closes the breaker for everyone.
    state = "rows";
    clock = 2_000;
    await expect(sql.unsafe("select 1").values()).resolves.toEqual([[1]]);
    await expect(sql.unsafe("select 1")).resolves.toEqual([{ one: 1 }]);
    expect(fake.ran()).toBe(4);
  });

  it("does not open for an SQL error: the database answered", async () => {
    const fake = fakeClient(() => "sql-error");
    const sql = withOutageBreaker(fake.client, outageBreaker({ probeEveryMs: 1_000, now: () => 0 }));
    await expect(sql.unsafe("insert")).rejects.toMatchObject({ code: "23505" });
    await expect(sql.unsafe("insert")).rejects.toMatchObject({ code: "23505" });
    expect(fake.ran()).toBe(2);
  });

  it("lets one probe at a time through while open, the first a probe interval after it opened", () => {
    let clock = 5_000;
    const breaker = outageBreaker({ probeEveryMs: 1_000, now: () => clock });
    breaker.settled(false, unreachable());
    expect(breaker.admit()).toEqual({ ok: false });
    clock = 6_000;
    expect(breaker.admit()).toEqual({ ok: true, probe: true });
    expect(breaker.admit()).toEqual({ ok: false });
    breaker.settled(true);
    expect(breaker.isOpen()).toBe(false);
    expect(breaker.admit()).toEqual({ ok: true, probe: false });
  });
});
