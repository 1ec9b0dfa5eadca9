import pino from "pino";
import { describe, expect, it } from "vitest";
import { createLog, loggerOptions } from "@/lib/shared/log";
import { logRequestError } from "./request-error";

function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(loggerOptions("debug"), { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log: createLog(() => logger), lines };
}

describe("an error Next caught in a request", () => {
  it("is one JSON line with the route, the path without its query and the request id — never cookies or other headers", () => {
    const { log, lines } = memoryLog();
    const error = Object.assign(new Error("relation does not exist"), { digest: "1234567" });
    logRequestError(
      error,
      {
        path: "/payments/return?Authority=A000000000000000000000000000123&Status=OK",
        method: "GET",
        headers: { "x-request-id": "req-42", cookie: "drturn_session=Fe26.secret", authorization: "Bearer t" },
      },
      { routerKind: "App Router", routePath: "/payments/return", routeType: "render", renderSource: "server-rendering" },
      log,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      area: "http",
      msg: "render /payments/return failed",
      requestId: "req-42",
      method: "GET",
      path: "/payments/return",
      routePath: "/payments/return",
      routeType: "render",
      err: { message: "relation does not exist", digest: "1234567" },
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of ["Fe26", "Bearer", "Authority=", "cookie"]) expect(line).not.toContain(secret);
  });

  it("takes a thrown non-error as a message, and masks a phone in it", () => {
    const { log, lines } = memoryLog();
    logRequestError(
      "bad input 09121234567",
      { path: "/book", method: "POST", headers: {} },
      { routerKind: "App Router", routePath: "/book", routeType: "action" },
      log,
    );
    expect(lines[0]).toMatchObject({ err: { message: "bad input 0912***4567" }, routeType: "action" });
    expect(lines[0]!.requestId).toBeUndefined();
  });
});
