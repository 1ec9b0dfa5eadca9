import { db } from "@/db/client";
import { isDraining } from "@/lib/ops/drain";
import { checkHealth } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth(db(), { draining: isDraining() });
  return Response.json(health.body, { status: health.httpStatus, headers: { "cache-control": "no-store" } });
}
