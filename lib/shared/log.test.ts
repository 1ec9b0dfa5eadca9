import pino from "pino";
import { describe, expect, it } from "vitest";
import { createLog, loggerOptions, withLogContext } from "./log";
import { maskPhone, prettyLine } from "./log-format";

/** A logger of the app's own shape that keeps its JSON lines in memory. */
function memoryLog(level = "debug") {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(loggerOptions(level), { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log: createLog(() => logger), lines };
}

describe("log lines", () => {
  it("are one JSON object each, with the area taken from the message's [prefix] and the caller's fields", () => {
    const { log, lines } = memoryLog();
    log.info("[payments] settled", { attemptId: "a1", authority: "A0000000000000000000000000000123", outcome: "fulfilled", verifyMs: 312 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      area: "payments",
      msg: "settled",
      attemptId: "a1",
      authority: "A0000000000000000000000000000123",
      outcome: "fulfilled",
      verifyMs: 312,
    });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("carry the request's context (request id, user) on every line logged inside it", async () => {
    const { log, lines } = memoryLog();
    await withLogContext({ requestId: "req-1" }, async () => {
      await Promise.resolve();
      withLogContext({ userId: "u-1" }, () => log.warn("[auth] refused"));
    });
    log.info("outside");
    expect(lines[0]).toMatchObject({ requestId: "req-1", userId: "u-1", level: "warn" });
    expect(lines[1]!.requestId).toBeUndefined();
  });

  it("mask phone numbers in the message and in fields, but leave ids that hold ten digits alone", () => {
    const { log, lines } = memoryLog();
    const id = "49210d2d-99d3-4dfd-9de6-912345678901";
    log.info("[auth] code sent to 09121234567 and +989351112233", {
      phone: "09121234567",
      nested: { mobile: "9121234567" },
      attemptId: id,
    });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/9121234567|9351112233/);
    expect(lines[0]!.msg).toBe("code sent to 0912***4567 and 0935***2233");
    expect(lines[0]).toMatchObject({ phone: "0912***4567", nested: { mobile: "0912***4567" }, attemptId: id });
  });

  it("never carry an OTP code, a seal, a cookie or a chat text", () => {
    const { log, lines } = memoryLog();
    log.info("[auth] signed in", {
      otp: "123456",
      seal: "Fe26.2**secret",
      cookie: "drturn_session=Fe26",
      text: "سردرد دارم",
      request: { authorization: "Bearer x" },
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of ["123456", "Fe26", "سردرد", "Bearer"]) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ otp: "[redacted]", seal: "[redacted]", text: "[redacted]", request: { authorization: "[redacted]" } });
  });

  it("keep an error's message and stack under err", () => {
    const { log, lines } = memoryLog();
    log.error("[jobs] task failed:", new Error("connection refused"));
    expect(lines[0]).toMatchObject({
      level: "error",
      area: "jobs",
      msg: "task failed:",
      err: { message: "connection refused", type: "Error" },
    });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain("connection refused");
  });

  it("below the configured level are not written", () => {
    const { log, lines } = memoryLog("warn");
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((line) => line.msg)).toEqual(["loud"]);
  });
});

describe("the development format", () => {
  it("reads as time, level, area, message and fields", () => {
    const line = prettyLine(
      JSON.stringify({
        level: "warn",
        time: "2026-11-30T04:05:06.789Z",
        pid: 1,
        area: "payments",
        msg: "verify failed",
        attemptId: "a1",
        verifyMs: 40,
      }),
    );
    expect(line).toBe("04:05:06.789 WARN  [payments] verify failed attemptId=a1 verifyMs=40\n");
  });

  it("masks numbers written in any of the usual ways", () => {
    expect(maskPhone("09121234567")).toBe("0912***4567");
    expect(maskPhone("00989121234567")).toBe("0912***4567");
    expect(maskPhone("call 9121234567.")).toBe("call 0912***4567.");
    expect(maskPhone("amount 12345678901")).toBe("amount 12345678901");
  });
});

describe("what an error or a deep field could leak", () => {
  it("masks a phone inside an error — a Postgres detail such as Key (phone)=(…) — and keeps its fields", () => {
    const { log, lines } = memoryLog();
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "users_phone_unique"'), {
      code: "23505",
      constraint: "users_phone_unique",
      detail: "Key (phone)=(09121234567) already exists.",
    });
    log.error("[auth] sign-up failed", new Error("insert failed for 09351112233", { cause: pgError }));
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/9121234567|9351112233/);
    expect(lines[0]!.err).toMatchObject({
      type: "Error",
      message: "insert failed for 0935***2233",
      cause: { code: "23505", constraint: "users_phone_unique", detail: "Key (phone)=(0912***4567) already exists." },
    });
    // Also an error passed as a field of its own, not as `err`.
    log.warn("[sms] send failed", { failure: pgError });
    expect(JSON.stringify(lines[1])).not.toContain("9121234567");
  });

  it("leaves a failed query's parameters out (they can hold a chat text or a code's hash)", () => {
    const { log, lines } = memoryLog();
    const failed = Object.assign(new Error("Failed query: insert into chat_messages values ($1)\nparams: سردرد شدید دارم"), {
      query: "insert into chat_messages values ($1)",
      params: ["سردرد شدید دارم"],
    });
    log.error("[chat] write failed", failed);
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain("سردرد");
    expect(lines[0]!.err).toMatchObject({ query: "insert into chat_messages values ($1)", params: "[redacted]" });
    expect((lines[0]!.err as { message: string }).message).toBe("Failed query: insert into chat_messages values ($1)\nparams: [redacted]");
  });

  it("masks numbers written in Persian or Arabic-Indic digits", () => {
    expect(maskPhone("شماره ۰۹۱۲۱۲۳۴۵۶۷ است")).toBe("شماره 0912***4567 است");
    expect(maskPhone("+۹۸۹۱۲۱۲۳۴۵۶۷")).toBe("0912***4567");
    expect(maskPhone("٠٩١٢١٢٣٤٥٦٧")).toBe("0912***4567");
    expect(maskPhone("مبلغ ۱۲۳۴۵۶۷۸۹۰۱ ریال")).toBe("مبلغ ۱۲۳۴۵۶۷۸۹۰۱ ریال");
  });

  it("redacts secret fields at any depth, not only the first two levels", () => {
    const { log, lines } = memoryLog();
    log.info("[auth] request", { request: { headers: { Cookie: "drturn_session=Fe26", nested: { deeper: { otp: "654321" } } } } });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain("Fe26");
    expect(line).not.toContain("654321");
    expect(lines[0]).toMatchObject({ request: { headers: { Cookie: "[redacted]", nested: { deeper: { otp: "[redacted]" } } } } });
  });
});
