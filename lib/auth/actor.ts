/** Who is asking. Services take an Actor and check it themselves: the route guards are a convenience, not
 * the line of defence. */
export type Role = "patient" | "doctor" | "staff" | "admin";
export type Actor = { userId: string; role: Role };

export const STAFF_ROLES: readonly Role[] = ["staff", "admin"];

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(
    readonly actor: Actor | null,
    readonly needed: readonly string[],
  ) {
    super(`forbidden: ${actor ? actor.role : "anonymous"} is not one of ${needed.join(", ")}`);
  }
}

export function assertRole(actor: Actor | null, roles: readonly Role[]): asserts actor is Actor {
  if (!actor || !roles.includes(actor.role)) throw new ForbiddenError(actor, roles);
}

export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}
