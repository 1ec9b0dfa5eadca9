import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP stand-in between an app and its gateway (another instance's sandbox) that forwards everything but
 * holds each verify call until release(): the callbacks that made them stay in flight as long as the test
 * wants — across a SIGTERM, say. */
export type GatewayHold = {
  /** The sandbox's API base through the hold: the app's ZARINPAL_API_BASE. */
  apiBase: string;
  /** Verify calls held right now. */
  held(): number;
  /** Lets every held verify (and every later one) through. */
  release(): void;
  close(): Promise<void>;
};

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startGatewayHold(targetUrl: string): Promise<GatewayHold> {
  let open = false;
  let waiting: (() => void)[] = [];
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const payload = await body(request);
    if (!open && request.url?.includes("/verify")) await new Promise<void>((resolve) => waiting.push(resolve));
    const answer = await fetch(`${targetUrl}${request.url}`, {
      method: request.method,
      headers: { "content-type": request.headers["content-type"] ?? "application/json", accept: "application/json" },
      body: request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(payload),
      redirect: "manual",
    });
    const text = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    response.end(text);
  };
  const server = createServer((request, response) => {
    forward(request, response).catch((error: unknown) => {
      response.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}/sandbox`,
    held: () => waiting.length,
    release() {
      open = true;
      for (const resume of waiting) resume();
      waiting = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
