import { db, pingDatabase } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await pingDatabase(db());
    return Response.json({ status: "ok", db: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json(
      { status: "error", db: "down", reason: "database unreachable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
