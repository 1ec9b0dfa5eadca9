import http from "node:http";

/** `next start` (Next 16, base-server.js) writes the socket address into X-Forwarded-For only when the request
 * has none — `headers["x-forwarded-for"] ??= socket.remoteAddress` — and nothing else a route can read carries
 * that address. A client that sends its own X-Forwarded-For would therefore choose the address we count. So
 * every request's peer is appended here, the way a proxy appends, before Next sees the headers: the rightmost
 * entry is then always the address that really connected (see clientAddress). */
export function appendPeerAddress(request: http.IncomingMessage): void {
  const peer = request.socket?.remoteAddress;
  if (!peer) return;
  const existing = request.headers["x-forwarded-for"];
  const prior = (Array.isArray(existing) ? existing.join(", ") : existing)?.trim();
  request.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
}

const INSTALLED = Symbol.for("dr-turn.append-peer-address");

/** Hooks every HTTP server of this process (Next creates its own with `http.createServer`, before the app's
 * code runs, so the hook sits on the prototype's `emit`, which Node calls for each "request"). Idempotent. */
export function appendPeerAddressToEveryRequest(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") appendPeerAddress(args[0] as http.IncomingMessage);
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
  proto[INSTALLED] = true;
}
