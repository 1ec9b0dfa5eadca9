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
    const sql = withOutageBreaker(fake.client, outageBreaker({ probeEveryMs: 1_000, now: () => clock }), { maxInFlight: 10 });
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
    const sql = withOutageBreaker(fake.client, outageBreaker({ probeEveryMs: 1_000, now: () => 0 }), { maxInFlight: 10 });
    await expect(sql.unsafe("insert")).rejects.toMatchObject({ code: "23505" });
    await expect(sql.unsafe("insert")).rejects.toMatchObject({ code: "23505" });
    expect(fake.ran()).toBe(2);
  });

  it("keeps at most the pool's size with the driver; when the breaker opens, those still waiting fail at once", async () => {
    // Queries that stay unanswered until told: like connections waiting out their connect timeout in a cut.
    const answers: ((outcome: "rows" | "unreachable") => void)[] = [];
    let sent = 0;
    const unsafe = () => {
      const pending = {
        values: () => pending,
        then(f: (v: unknown) => unknown, r: (e: unknown) => unknown) {
          sent++;
          return new Promise((resolve, reject) =>
            answers.push((outcome) => (outcome === "rows" ? resolve([{ one: 1 }]) : reject(unreachable()))),
          ).then(f, r);
        },
      };
      return pending;
    };
    const client = { unsafe, begin: async (fn: (tx: unknown) => unknown) => fn({}), options: { parsers: {} } } as unknown as Sql;
    const sql = withOutageBreaker(client, outageBreaker({ probeEveryMs: 1_000, now: () => 0 }), { maxInFlight: 2 });
    const outcomes = Array.from({ length: 5 }, () =>
      Promise.resolve(sql.unsafe("select 1")).then(
        () => "rows",
        (error: { code?: string }) => error.code,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toBe(2);
    answers[0]!("unreachable");
    // The three that waited fail without reaching the driver; the one still with it gets its own answer.
    await expect(Promise.all(outcomes.slice(2))).resolves.toEqual(["DATABASE_UNAVAILABLE", "DATABASE_UNAVAILABLE", "DATABASE_UNAVAILABLE"]);
    expect(sent).toBe(2);
    answers[1]!("rows");
    await expect(Promise.all(outcomes.slice(0, 2))).resolves.toEqual(["CONNECT_TIMEOUT", "rows"]);
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
