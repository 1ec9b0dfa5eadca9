import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "@/db/client";
import { config } from "@/lib/config";
import { collectMetrics } from "@/lib/ops/metrics";
import { log } from "@/lib/shared/log";

export const dynamic = "force-dynamic";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Prometheus scrape endpoint. With METRICS_TOKEN set (required in production) it answers only
 * `Authorization: Bearer <token>`; without it (development) it is open. */
export async function GET(request: Request) {
  const token = config().metricsToken;
  if (token) {
    const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
    // Compared as digests: equal length, constant time.
    if (!timingSafeEqual(digest(presented), digest(token))) {
      return new Response("unauthorized\n", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
  }
  try {
    return new Response(await collectMetrics(db()), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (error) {
    log.error("[metrics] collecting failed:", error);
    return new Response("metrics unavailable\n", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
