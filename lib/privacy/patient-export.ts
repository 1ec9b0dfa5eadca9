import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { err, ok, type Result } from "@/lib/shared/result";
import { patientDataSections, type PatientDataSections } from "./patient-data-sections";

export const EXPORT_FORMAT = "dr-turn-patient-export/1";

export type PatientExport = { format: typeof EXPORT_FORMAT; exportedAt: Date } & {
  [K in keyof PatientDataSections]: Awaited<ReturnType<PatientDataSections[K]["load"]>>;
};

/** "Download my data": everything we hold about the signed-in user, read only through their own id (never an
 * id from the request), so nobody else's rows can appear in it. */
export async function exportMyData(db: Db, actor: Actor | null, now = new Date()): Promise<Result<PatientExport, { code: "not_found" }>> {
  if (!actor) return err({ code: "not_found" });
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.userId), isNull(users.deletedAt)));
  if (!user) return err({ code: "not_found" });
  // One consistent view: a payment settling meanwhile is in every section or in none.
  return db.transaction(
    async (tx) => {
      const entries = await Promise.all(
        Object.entries(patientDataSections).map(async ([key, s]) => [key, await s.load(tx, user.id)] as const),
      );
      return ok({ format: EXPORT_FORMAT, exportedAt: now, ...Object.fromEntries(entries) } as PatientExport);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
