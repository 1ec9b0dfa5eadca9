import "server-only";
import { headers } from "next/headers";

/** The client address for rate limits: the first X-Forwarded-For hop set by our proxy, else X-Real-IP. */
export async function requestIp(): Promise<string> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || "unknown";
}
