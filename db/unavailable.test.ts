import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const coded = (code: string, cause?: unknown) => Object.assign(new Error(code, { cause }), { code });

describe("isDatabaseUnavailable", () => {
  it("knows a lost or refused connection, also wrapped as drizzle wraps it", () => {
    expect(isDatabaseUnavailable(coded("CONNECT_TIMEOUT"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: coded("ECONNRESET") }))).toBe(true);
    expect(isDatabaseUnavailable(coded("57P01"))).toBe(true);
  });

  it("does not take a wrong query or a broken constraint for an outage", () => {
    expect(isDatabaseUnavailable(coded("23505"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: coded("42P01") }))).toBe(false);
    expect(isDatabaseUnavailable("CONNECT_TIMEOUT")).toBe(false);
  });
});
