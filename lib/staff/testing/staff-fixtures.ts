import type { Db } from "@/db/client";
import { clinicMemberships, users } from "@/db/schema";
import type { Actor, Role } from "@/lib/auth/actor";
import type { ClinicRole } from "@/lib/auth/clinic-scope";

let counter = 0;

/** A signed-in user of the given role, as services see it. */
export async function makeActor(db: Db, role: Role, name = `کاربر ${role}`): Promise<Actor> {
  counter++;
  const phone = `0917${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(4, "0")}`;
  const [user] = await db.insert(users).values({ phone, name, role }).returning();
  return { userId: user!.id, role };
}

/** Makes a staff user a member of the clinics of the given doctors (receptionist unless said otherwise). */
export async function joinClinicsOf(db: Db, actor: Actor, doctors: { clinicId: string }[], role: ClinicRole = "receptionist") {
  const clinicIds = [...new Set(doctors.map((d) => d.clinicId))];
  await db.insert(clinicMemberships).values(clinicIds.map((clinicId) => ({ userId: actor.userId, clinicId, role }))).onConflictDoUpdate({
    target: [clinicMemberships.userId, clinicMemberships.clinicId],
    set: { role },
  });
}
