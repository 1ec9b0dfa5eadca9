import { describe, expect, it } from "vitest";
import { taggedCache } from "./tagged-cache";

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe("the tagged cache", () => {
  it("computes once, serves the kept value, and computes again after its tag is invalidated", async () => {
    const cache = taggedCache({ maxEntries: 10 });
    let loads = 0;
    const load = async () => ++loads;
    const read = () => cache.get("doctor:a", { tags: ["doctor:a"], ttlMs: 60_000 }, load);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    cache.invalidate("doctor:b");
    expect(await read()).toBe(1);
    cache.invalidate("doctor:a");
    expect(await read()).toBe(2);
  });

  it("shares one computation between callers at once", async () => {
    const cache = taggedCache({ maxEntries: 10 });
    const gate = deferred<string>();
    let loads = 0;
    const read = () => cache.get("k", { tags: [], ttlMs: 60_000 }, () => (loads++, gate.promise));
    const both = Promise.all([read(), read()]);
    gate.resolve("v");
    expect(await both).toEqual(["v", "v"]);
    expect(loads).toBe(1);
  });

  it("does not keep a value whose load began before an invalidation, nor hand it to later callers", async () => {
    const cache = taggedCache({ maxEntries: 10 });
    const before = deferred<string>();
    const first = cache.get("k", { tags: ["t"], ttlMs: 60_000 }, () => before.promise);
    cache.invalidate("t");
    // A caller after the write does not join the load that may have read before it.
    const second = cache.get("k", { tags: ["t"], ttlMs: 60_000 }, async () => "after");
    before.resolve("before");
    expect(await first).toBe("before");
    expect(await second).toBe("after");
    expect(await cache.get("k", { tags: ["t"], ttlMs: 60_000 }, async () => "again")).toBe("after");
  });

  it("expires by lifetime or by the loader's own bound, whichever is sooner", async () => {
    let clock = 1_000;
    const cache = taggedCache({ maxEntries: 10, now: () => clock });
    let loads = 0;
    const read = () => cache.get("k", { tags: [], ttlMs: 500, expiresAt: (n) => (n === 1 ? 1_200 : null) }, async () => ++loads);
    await read();
    clock = 1_199;
    expect(await read()).toBe(1);
    clock = 1_200;
    expect(await read()).toBe(2);
    clock = 1_699;
    expect(await read()).toBe(2);
    clock = 1_700;
    expect(await read()).toBe(3);
  });

  it("holds at most maxEntries, dropping the oldest", async () => {
    const cache = taggedCache({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.get(key, { tags: [], ttlMs: 60_000 }, async () => key);
    expect(cache.size).toBe(2);
    expect(await cache.get("a", { tags: [], ttlMs: 60_000 }, async () => "a again")).toBe("a again");
  });

  it("forgets a failed load", async () => {
    const cache = taggedCache({ maxEntries: 10 });
    await expect(cache.get("k", { tags: [], ttlMs: 60_000 }, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("k", { tags: [], ttlMs: 60_000 }, async () => "up")).toBe("up");
  });

  it("hands a value it is told not to keep to its callers, and loads again next time", async () => {
    const cache = taggedCache({ maxEntries: 10 });
    let loads = 0;
    const read = () =>
      cache.get<string | null>("doctor:x", { tags: [], ttlMs: 60_000, keep: (found) => found !== null }, async () =>
        ++loads > 1 ? "found" : null,
      );
    expect(await read()).toBeNull();
    expect(cache.size).toBe(0);
    expect(await read()).toBe("found");
    expect(await read()).toBe("found");
    expect(loads).toBe(2);
  });
});
