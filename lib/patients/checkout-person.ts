import type { Db } from "@/db/client";
import { messages } from "@/lib/i18n/messages";
import { err, ok, type Result } from "@/lib/shared/result";
import { familyOf, ownMember } from "./family";
import { fullName, hasName, profileOf, saveName } from "./profile";
import { parseName, type FieldErrors } from "./profile-input";

export type CheckoutPersonError =
  { code: "name_missing" } | { code: "member_not_found" } | { code: "invalid_input"; fieldErrors: FieldErrors };

/** What a checkout form may carry about the person: the name typed inline at a first checkout, and whom the
 * purchase is for ("self" or a family member's id). */
export type CheckoutPersonForm = { firstName?: string; lastName?: string; forWhom?: string };

/** Who a purchase is for, settled before anything is sealed into the intent. A name typed inline at checkout is
 * saved first (the patient never leaves the checkout for a profile page); then the buyer must have a name, and
 * a family member must be one of the buyer's own, live members: an id of someone else's member reads exactly
 * like an unknown one. */
export async function checkoutPerson(
  db: Db,
  userId: string,
  form: CheckoutPersonForm,
): Promise<Result<{ familyMemberId?: string }, CheckoutPersonError>> {
  if (form.firstName !== undefined || form.lastName !== undefined) {
    const name = parseName(form);
    if (!name.ok) return name;
    await saveName(db, userId, name.value);
  }
  if (!hasName(await profileOf(db, userId))) return err({ code: "name_missing" });
  const memberId = form.forWhom && form.forWhom !== "self" ? form.forWhom : undefined;
  if (!memberId) return ok({});
  if (!(await ownMember(db, userId, memberId))) return err({ code: "member_not_found" });
  return ok({ familyMemberId: memberId });
}

export function checkoutPersonMessage(error: CheckoutPersonError): string {
  if (error.code === "name_missing") return messages.profile.errors.nameMissing;
  if (error.code === "member_not_found") return messages.profile.errors.memberNotFound;
  return Object.values(error.fieldErrors)[0] ?? messages.common.genericError;
}

/** What the checkout form asks about the person: the name when it is still missing, and the members to pick. */
export async function checkoutPersonOptions(
  db: Db,
  userId: string,
): Promise<{ needsName: boolean; selfName: string; members: { id: string; label: string }[] }> {
  const [profile, members] = await Promise.all([profileOf(db, userId), familyOf(db, userId)]);
  return {
    needsName: !hasName(profile),
    selfName: hasName(profile) ? fullName({ firstName: profile!.firstName!, lastName: profile!.lastName! }) : "",
    members: members.map((m) => ({ id: m.id, label: memberLabel(m) })),
  };
}

export const memberLabel = (m: { firstName: string; lastName: string; relation: string }) =>
  messages.profile.memberLine(`${m.firstName} ${m.lastName}`, messages.profile.relations[m.relation] ?? m.relation);
