import type { Db } from "@/db/client";
import { clinicMemberships, clinics, users } from "@/db/schema";
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
  await db
    .insert(clinicMemberships)
    .values(clinicIds.map((clinicId) => ({ userId: actor.userId, clinicId, role })))
    .onConflictDoUpdate({
      target: [clinicMemberships.userId, clinicMemberships.clinicId],
      set: { role },
    });
}

/** A receptionist of every clinic in the database: for tests about what clinic staff see of their clinic's
 * visits and chats, where which clinic is not the point (tenancy itself is proved in lib/staff/tenancy.test.ts). */
export async function staffOfEveryClinic(db: Db): Promise<Actor> {
  const actor = await makeActor(db, "staff");
  await joinClinicsOf(db, actor, await db.select({ clinicId: clinics.id }).from(clinics));
  return actor;
}
