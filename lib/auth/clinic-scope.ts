import { asc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicMemberships, clinics } from "@/db/schema";
import { assertRole, ForbiddenError, STAFF_ROLES, type Actor } from "./actor";

export type ClinicRole = (typeof clinicMemberships.$inferSelect)["role"];

/** The clinics a staff service may show or change for this caller: every clinic for the platform admin, the
 * clinics of their memberships for clinic staff. Services filter every query by it, so another clinic's ids
 * read exactly like missing ones. */
export type ClinicScope = { all: true; clinicIds: null } | { all: false; clinicIds: readonly string[] };

/** What a staff member may see: `receptionist` work is open to every membership, `clinic_admin` work only to
 * the clinics where they are clinic admin. Patients, doctors and anonymous callers are refused outright, and
 * so is a staff member who is clinic admin nowhere asking for clinic-admin work (the 403 page). A staff member
 * of no clinic gets an empty scope: they see nothing. */
export async function clinicScope(db: Db, actor: Actor | null, need: ClinicRole = "receptionist"): Promise<ClinicScope> {
  assertRole(actor, STAFF_ROLES);
  if (actor.role === "admin") return { all: true, clinicIds: null };
  const rows = await db
    .select({ clinicId: clinicMemberships.clinicId, role: clinicMemberships.role })
    .from(clinicMemberships)
    .where(eq(clinicMemberships.userId, actor.userId));
  const clinicIds = rows.filter((r) => need === "receptionist" || r.role === "clinic_admin").map((r) => r.clinicId);
  if (need === "clinic_admin" && clinicIds.length === 0) throw new ForbiddenError(actor, ["clinic_admin", "admin"]);
  return { all: false, clinicIds };
}

/** The scope as a condition on a clinic id column: nothing for the platform admin, else membership. */
export function inScope(scope: ClinicScope, clinicId: AnyColumn | SQL): SQL | undefined {
  if (scope.all) return undefined;
  return scope.clinicIds.length > 0
    ? sql`${clinicId} in (${sql.join(
        scope.clinicIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql`false`;
}

/** The same rule for callers that cannot wait for a query first (conditions built synchronously): a staff
 * member's clinics as a subquery on their memberships. */
export function staffClinicsSql(actor: Actor, clinicId: AnyColumn | SQL): SQL | undefined {
  if (actor.role === "admin") return undefined;
  if (actor.role !== "staff") return sql`false`;
  return sql`${clinicId} in (select ${clinicMemberships.clinicId} from ${clinicMemberships} where ${eq(clinicMemberships.userId, actor.userId)})`;
}

/** Whether the scope covers one clinic. */
export const covers = (scope: ClinicScope, clinicId: string) => scope.all || scope.clinicIds.includes(clinicId);

export type Membership = { clinicId: string; clinicName: string; role: ClinicRole };

/** The caller's clinics and role in each, for the staff area's header and menu; empty for the platform admin
 * (who is no clinic's member and sees all) and for anyone who is not staff. */
export async function membershipsOf(db: Db, actor: Actor): Promise<Membership[]> {
  if (actor.role !== "staff") return [];
  return db
    .select({ clinicId: clinicMemberships.clinicId, clinicName: clinics.name, role: clinicMemberships.role })
    .from(clinicMemberships)
    .innerJoin(clinics, eq(clinics.id, clinicMemberships.clinicId))
    .where(eq(clinicMemberships.userId, actor.userId))
    .orderBy(asc(clinics.name));
}
