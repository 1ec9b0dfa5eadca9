import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors } from "@/db/schema";
import { assertRole, isStaff, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";

/** The doctor profile linked to a doctor's account, or null. */
export async function ownDoctorId(db: Db, actor: Actor): Promise<string | null> {
  const [row] = await db.select({ id: doctors.id }).from(doctors).where(eq(doctors.userId, actor.userId));
  return row?.id ?? null;
}

/** The doctor's clinic when the caller may read that doctor's schedule and day: staff of the doctor's clinic
 * (any clinic for the platform admin) or the doctor themselves; null otherwise, exactly as for a doctor that
 * does not exist. Patients and anonymous callers are refused. */
export async function readableDoctorClinic(db: Db, actor: Actor | null, doctorId: string): Promise<string | null> {
  assertRole(actor, ["staff", "admin", "doctor"]);
  const scope = isStaff(actor) ? await clinicScope(db, actor) : null;
  const [row] = await db
    .select({ clinicId: doctors.clinicId })
    .from(doctors)
    .where(and(eq(doctors.id, doctorId), scope ? inScope(scope, doctors.clinicId) : eq(doctors.userId, actor.userId)));
  return row?.clinicId ?? null;
}

export const mayReadDoctor = async (db: Db, actor: Actor | null, doctorId: string) =>
  (await readableDoctorClinic(db, actor, doctorId)) !== null;

/** The doctor's clinic when the caller is staff of it (any clinic for the platform admin), else null: the
 * check every staff write on one doctor's calendar starts with. */
export async function staffDoctorClinic(db: Db, actor: Actor | null, doctorId: string): Promise<string | null> {
  const scope = await clinicScope(db, actor);
  const [row] = await db
    .select({ clinicId: doctors.clinicId })
    .from(doctors)
    .where(and(eq(doctors.id, doctorId), inScope(scope, doctors.clinicId)));
  return row?.clinicId ?? null;
}
