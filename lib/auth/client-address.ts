import { isIP } from "node:net";

/** The client address rate limits count, from X-Forwarded-For as this server receives it.
 *
 * The server appends the address of whoever opened the connection (`appendPeerAddress`), so the rightmost
 * entry is always that peer, and every proxy in front of us appended the address it saw before passing the
 * request on. Entries further left were written by someone we do not trust — the client can send any
 * X-Forwarded-For it likes. With `trustedProxyHops` proxies of our own in front, the client is therefore the
 * entry that many places left of the rightmost: 0 (no proxy, `next start` facing the internet) takes the
 * socket address, 1 (one nginx or load balancer) the address that proxy appended, and so on. */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxyHops: number): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops.length === 0) return "unknown";
  // Fewer entries than proxies: one of them did not append (misconfigured); the leftmost is the best guess.
  const entry = hops[Math.max(0, hops.length - 1 - trustedProxyHops)]!;
  return normalizeAddress(entry) ?? "unknown";
}

/** An IP address without the port some proxies add and without IPv4-in-IPv6 mapping, or null for anything
 * that is not an address (so that junk cannot become a rate-limit key of its own). */
export function normalizeAddress(entry: string): string | null {
  let address = entry;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 0) return null;
  return version === 6 ? address.toLowerCase() : address;
}
