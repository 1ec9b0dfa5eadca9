import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("drain and database-outage settings", () => {
  it("defaults: a 3 s notice inside a 25 s bound, a 3 s connect timeout, Next.js's own signal handling", () => {
    const cfg = parseConfig({});
    expect(cfg.drain).toEqual({ manualSignals: false, noticeMs: 3_000, timeoutMs: 25_000 });
    expect(cfg.databaseConnectTimeoutS).toBe(3);
  });

  it("takes over the signals only when the start command set NEXT_MANUAL_SIG_HANDLE=true", () => {
    expect(parseConfig({ NEXT_MANUAL_SIG_HANDLE: "true" }).drain.manualSignals).toBe(true);
    expect(parseConfig({ NEXT_MANUAL_SIG_HANDLE: "" }).drain.manualSignals).toBe(false);
  });

  it("refuses a notice that does not fit in the bound, naming both variables", () => {
    expect(() => parseConfig({ DRAIN_NOTICE_MS: "5000", DRAIN_TIMEOUT_MS: "4000" })).toThrow(ConfigError);
    expect(() => parseConfig({ DRAIN_NOTICE_MS: "5000", DRAIN_TIMEOUT_MS: "4000" })).toThrow(
      /DRAIN_NOTICE_MS: must be shorter than DRAIN_TIMEOUT_MS/,
    );
  });
});
