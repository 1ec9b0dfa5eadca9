import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicMemberships, clinics, users } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope, type ClinicRole } from "@/lib/auth/clinic-scope";
import { recordAudit } from "@/lib/audit/audit";
import { messages } from "@/lib/i18n/messages";
import { appLink, recordNotification } from "@/lib/notifications/record";
import { err, ok, type Result } from "@/lib/shared/result";
import { accountByPhone, type AccountError } from "./account-by-phone";

/** Clinic admins (and the platform admin) choose who works for their clinic: a receptionist or a clinic admin,
 * named by phone number. The number needs no account yet — one is made — and whoever signs in with it is staff
 * of that clinic. Receptionists are refused (ForbiddenError); another clinic reads as missing. */

export type TeamMember = { userId: string; name: string | null; phone: string; role: ClinicRole; since: Date };
export type ClinicTeam = { clinicId: string; clinicName: string; members: TeamMember[] };

export type InviteError = AccountError | { code: "clinic_not_found" } | { code: "name_too_long" };
export type RemoveError = { code: "membership_not_found" } | { code: "not_yourself" };

/** The staff of each clinic the caller is clinic admin of (every clinic for the platform admin). */
export async function clinicTeams(db: Db, actor: Actor | null): Promise<ClinicTeam[]> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  const [clinicRows, memberRows] = await Promise.all([
    db.select({ id: clinics.id, name: clinics.name }).from(clinics).where(inScope(scope, clinics.id)).orderBy(asc(clinics.name)),
    db
      .select({
        clinicId: clinicMemberships.clinicId,
        userId: users.id,
        name: users.name,
        phone: users.phone,
        role: clinicMemberships.role,
        since: clinicMemberships.createdAt,
      })
      .from(clinicMemberships)
      .innerJoin(users, eq(users.id, clinicMemberships.userId))
      .where(inScope(scope, clinicMemberships.clinicId))
      .orderBy(asc(clinicMemberships.role), asc(clinicMemberships.createdAt)),
  ]);
  return clinicRows.map((c) => ({
    clinicId: c.id,
    clinicName: c.name,
    members: memberRows
      .filter((m) => m.clinicId === c.id)
      .map((m) => ({ userId: m.userId, name: m.name, phone: m.phone, role: m.role, since: m.since })),
  }));
}

/** Makes the phone's account staff of the clinic with `role` (a second invitation changes the role). A new
 * membership queues one SMS to the phone, in the same transaction, naming the clinic and the role (no patient
 * or medical content): the notification's key is the membership — the clinic and when it began — so a
 * resubmitted form or a role change sends nothing more, and only an invitation after a removal sends again. */
export async function inviteStaff(
  db: Db,
  actor: Actor | null,
  input: { clinicId: string; phone: string; role: ClinicRole; name?: string },
): Promise<Result<{ userId: string; phone: string; created: boolean }, InviteError>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor, "clinic_admin");
  const name = input.name?.trim() ?? "";
  if (name.length > 100) return err({ code: "name_too_long" });
  return db.transaction(async (tx): Promise<Result<{ userId: string; phone: string; created: boolean }, InviteError>> => {
    const [clinic] = await tx
      .select({ id: clinics.id, name: clinics.name })
      .from(clinics)
      .where(and(eq(clinics.id, input.clinicId), inScope(scope, clinics.id)));
    if (!clinic) return err({ code: "clinic_not_found" });
    const account = await accountByPhone(tx, { phone: input.phone, role: "staff", name });
    if (!account.ok) return account;
    const [before] = await tx
      .select({ role: clinicMemberships.role })
      .from(clinicMemberships)
      .where(and(eq(clinicMemberships.userId, account.value.userId), eq(clinicMemberships.clinicId, clinic.id)));
    const [membership] = await tx
      .insert(clinicMemberships)
      .values({ userId: account.value.userId, clinicId: clinic.id, role: input.role })
      .onConflictDoUpdate({ target: [clinicMemberships.userId, clinicMemberships.clinicId], set: { role: input.role } })
      .returning({ since: clinicMemberships.createdAt });
    await recordNotification(tx, {
      recipientId: account.value.userId,
      kind: "staff_invited",
      reference: `${clinic.id}/${membership!.since.toISOString()}`,
      link: "/staff",
      body: messages.notifications.sms.staffInvited({
        role: messages.clinicAdmin.team.roles[input.role],
        clinic: clinic.name,
        link: appLink("/staff"),
      }),
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: clinic.id,
      action: "staff.invite",
      subjectType: "staff_member",
      subjectId: account.value.userId,
      before: before ? { role: before.role } : null,
      after: {
        role: input.role,
        phone: account.value.phone,
        accountCreated: account.value.created,
        previousRole: account.value.previousRole,
      },
    });
    return ok({ userId: account.value.userId, phone: account.value.phone, created: account.value.created });
  });
}

/** Ends a membership. The account stays (its history names it) but sees nothing of the clinic any more. A
 * clinic admin cannot remove themselves: a clinic would be left without anyone to run it by a slip. */
export async function removeStaff(
  db: Db,
  actor: Actor | null,
  input: { clinicId: string; userId: string },
): Promise<Result<null, RemoveError>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor, "clinic_admin");
  if (input.userId === actor.userId) return err({ code: "not_yourself" });
  return db.transaction(async (tx): Promise<Result<null, RemoveError>> => {
    const [removed] = await tx
      .delete(clinicMemberships)
      .where(
        and(
          eq(clinicMemberships.userId, input.userId),
          eq(clinicMemberships.clinicId, input.clinicId),
          inScope(scope, clinicMemberships.clinicId),
        ),
      )
      .returning({ role: clinicMemberships.role });
    if (!removed) return err({ code: "membership_not_found" });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: input.clinicId,
      action: "staff.remove",
      subjectType: "staff_member",
      subjectId: input.userId,
      before: { role: removed.role },
      after: null,
    });
    return ok(null);
  });
}
