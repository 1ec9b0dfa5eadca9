import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db/client";
import { handleSandboxRequest } from "@/lib/payments/sandbox/sandbox-http";

/** Test support: the in-app ZarinPal-compatible sandbox served over real HTTP on 127.0.0.1 (a free port), so
 * the real zarinpal client talks to it exactly as it would to the gateway. Serves the same fetch handler as
 * the Next.js route under `/sandbox/...`. */
export type SandboxServer = { apiBase: string; close(): Promise<void> };

const PREFIX = "/sandbox/";

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = message.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(message.url ?? "/", origin), { method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

async function send(response: Response, out: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  // A held request (the verify-timeout fault) may outlive its client or the server itself.
  if (out.destroyed || out.writableEnded) return;
  out.statusCode = response.status;
  response.headers.forEach((value, name) => out.setHeader(name, value));
  out.end(body);
}

/** The path after /sandbox/, split on "/" and URL-decoded; undefined for anything else. */
function sandboxPath(pathname: string): string[] | undefined {
  if (!pathname.startsWith(PREFIX)) return undefined;
  try {
    return pathname.slice(PREFIX.length).split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

export async function startSandboxServer(options: { db: Db; verifyTimeoutHoldMs: number; now?: () => Date }): Promise<SandboxServer> {
  let origin = "http://127.0.0.1";
  const server = createServer((message, out) => {
    void (async () => {
      try {
        const request = await toRequest(message, origin);
        const path = sandboxPath(new URL(request.url).pathname);
        const response = path
          ? await handleSandboxRequest(request, path, {
              db: options.db,
              verifyTimeoutHoldMs: options.verifyTimeoutHoldMs,
              now: options.now,
            })
          : new Response(null, { status: 404 });
        await send(response, out);
      } catch (error) {
        if (!out.destroyed && !out.headersSent) {
          out.statusCode = 500;
          out.setHeader("content-type", "text/plain; charset=utf-8");
          out.end(`sandbox test server: ${String(error)}`);
        }
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    apiBase: `${origin}/sandbox`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of the client and requests the verify-timeout fault is holding.
        server.closeAllConnections();
      }),
  };
}

/** An apiBase on which nothing listens: a port that was free a moment ago. */
export async function unreachableApiBase(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/sandbox`;
}
