import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** Test support: a stand-in for ZarinPal that answers each API call with whatever the test scripted — the
 * bodies printed in ZarinPal's documentation, HTML error pages, bodies cut short, or nothing at all — so the
 * real client and engine can be tried against the gateway's every way of answering. */
export type ScriptedAnswer =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType?: string }
  /** Hold the request past the client's time-out. */
  | { hang: true };

export type ScriptedGateway = {
  apiBase: string;
  /** The answer to every later call of this action (`request`, `verify`, `inquiry`, `unVerified`, `reverse`). */
  answer(action: string, answer: ScriptedAnswer): void;
  /** How many calls each action received. */
  calls: Record<string, number>;
  close(): Promise<void>;
};

export async function startScriptedGateway(): Promise<ScriptedGateway> {
  const script = new Map<string, ScriptedAnswer>();
  const calls: Record<string, number> = {};
  const server: Server = createServer((request, response) => {
    const action = /\/pg\/v4\/payment\/([A-Za-z]+)\.json$/.exec(request.url ?? "")?.[1] ?? "";
    request.resume();
    request.on("end", () => {
      calls[action] = (calls[action] ?? 0) + 1;
      const answer = script.get(action);
      if (!answer) {
        response.statusCode = 404;
        response.end();
      } else if ("hang" in answer) {
        // Never answered; the client gives up and the server closes the socket at the end.
      } else if ("json" in answer) {
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(JSON.stringify(answer.json));
      } else {
        response.writeHead(answer.status, { "content-type": answer.contentType ?? "text/html; charset=utf-8" });
        response.end(answer.text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}`,
    answer: (action, answer) => void script.set(action, answer),
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** One response body from ZarinPal's v4 documentation (./zarinpal-docs), with the page it came from. */
export type DocsFixture = { source: string; endpoint: string; httpStatus: number; body: unknown };
export type DocsErrorList = { source: string; codes: { code: number; message: string }[] };

const docsDir = fileURLToPath(new URL("./zarinpal-docs/", import.meta.url));

export function docsFixture(name: string): DocsFixture {
  return JSON.parse(readFileSync(`${docsDir}${name}.json`, "utf8")) as DocsFixture;
}

export function docsErrorList(): DocsErrorList {
  return JSON.parse(readFileSync(`${docsDir}error-list.json`, "utf8")) as DocsErrorList;
}

/** Every fixture file, so a test can check that none is left untested. */
export function docsFixtureNames(): string[] {
  return readdirSync(docsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""));
}

/** A documented code as ZarinPal sends a refusal: HTTP 4xx, `data: []`, the code in `errors`. */
export function refusal(code: number, message: string): ScriptedAnswer {
  return { status: code === -52 ? 500 : 422, json: { data: [], errors: { code, message, validations: [] } } };
}
