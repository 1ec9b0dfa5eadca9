import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";
import { clientAddress } from "./client-address";

/** The client address for rate limits: counted from the right of X-Forwarded-For, past TRUSTED_PROXY_HOPS
 * proxies of our own (see clientAddress and peer-address.ts). */
export async function requestIp(): Promise<string> {
  const h = await headers();
  return clientAddress(h.get("x-forwarded-for"), config().trustedProxyHops);
}
