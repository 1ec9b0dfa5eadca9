import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { ForbiddenError, STAFF_ROLES, type Actor, type Role } from "./actor";
import { clinicScope, type ClinicRole } from "./clinic-scope";
import { readSession } from "./session";

export type CurrentUser = Actor & { phone: string; name: string | null };

/** The signed-in user for this request, or null. Cached per request. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await readSession();
  if (!session.userId) return null;
  const [user] = await db()
    .select({ userId: users.id, role: users.role, phone: users.phone, name: users.name })
    .from(users)
    // A deleted account's cookie on another device signs nobody in.
    .where(and(eq(users.id, session.userId), isNull(users.deletedAt)))
    .limit(1);
  return user ?? null;
});

/** For pages: sends an anonymous visitor to sign in and back here afterwards. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages: a signed-in user without the role gets the Persian "no access" page with HTTP 403. */
export async function requireRole(roles: readonly Role[], returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** For staff pages: staff or the platform admin, and for `clinic_admin` pages a clinic admin of at least one
 * clinic; anyone else gets the 403 page. The services decide again, clinic by clinic. */
export async function requireStaff(returnTo: string, need: ClinicRole = "receptionist"): Promise<CurrentUser> {
  const user = await requireRole(STAFF_ROLES, returnTo);
  try {
    await clinicScope(db(), user, need);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
  return user;
}
