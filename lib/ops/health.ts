import { pingDatabase, type Db } from "@/db/client";

export type Health = { httpStatus: 200 | 503; body: { status: "ok"; db: "ok" } | { status: "error"; db: "down"; reason: string } };

/** What GET /api/health answers: 200 when the database answers a query, 503 with the reason otherwise. */
export async function checkHealth(db: Db): Promise<Health> {
  try {
    await pingDatabase(db);
    return { httpStatus: 200, body: { status: "ok", db: "ok" } };
  } catch (error) {
    console.error("[health] database check failed", error);
    return { httpStatus: 503, body: { status: "error", db: "down", reason: "database unreachable" } };
  }
}
