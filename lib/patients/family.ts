import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { familyMembers } from "@/db/schema";
import { isUniqueViolation } from "@/lib/shared/pg-errors";
import { err, ok, type Result } from "@/lib/shared/result";
import type { MemberInput, Relation } from "./profile-input";

export type FamilyMember = { id: string; firstName: string; lastName: string; nationalCode: string; relation: Relation };
export type FamilyError = { code: "member_not_found" } | { code: "member_duplicate" };

const columns = {
  id: familyMembers.id,
  firstName: familyMembers.firstName,
  lastName: familyMembers.lastName,
  nationalCode: familyMembers.nationalCode,
  relation: familyMembers.relation,
};

/** Only the owner's own, not removed members: every read and write below is scoped by this. */
const ownLive = (ownerId: string, memberId?: string) =>
  and(eq(familyMembers.ownerId, ownerId), isNull(familyMembers.removedAt), memberId ? eq(familyMembers.id, memberId) : undefined);

export function familyOf(db: Db, ownerId: string): Promise<FamilyMember[]> {
  return db.select(columns).from(familyMembers).where(ownLive(ownerId)).orderBy(asc(familyMembers.createdAt));
}

/** The member when it is the owner's and not removed; null for anyone else's id (never says whose it is). */
export async function ownMember(db: Db, ownerId: string, memberId: string): Promise<FamilyMember | null> {
  const [row] = await db.select(columns).from(familyMembers).where(ownLive(ownerId, memberId));
  return row ?? null;
}

/** Checked again where a paid record is made: the intent was sealed by the server after checkoutPerson()
 * checked the member, so this fails only if some path forged it; the composite foreign keys back it up.
 * A member removed since checkout is still the patient's own. */
export async function memberBelongsTo(db: Db, ownerId: string, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: familyMembers.id })
    .from(familyMembers)
    .where(and(eq(familyMembers.id, memberId), eq(familyMembers.ownerId, ownerId)));
  return Boolean(row);
}

export async function addMember(db: Db, ownerId: string, input: MemberInput): Promise<Result<FamilyMember, FamilyError>> {
  try {
    const [row] = await db
      .insert(familyMembers)
      .values({ ownerId, ...input })
      .returning(columns);
    return ok(row!);
  } catch (error) {
    if (isUniqueViolation(error, "family_members_owner_code_live")) return err({ code: "member_duplicate" });
    throw error;
  }
}

export async function updateMember(
  db: Db,
  ownerId: string,
  memberId: string,
  input: MemberInput,
): Promise<Result<FamilyMember, FamilyError>> {
  try {
    const [row] = await db.update(familyMembers).set(input).where(ownLive(ownerId, memberId)).returning(columns);
    return row ? ok(row) : err({ code: "member_not_found" });
  } catch (error) {
    if (isUniqueViolation(error, "family_members_owner_code_live")) return err({ code: "member_duplicate" });
    throw error;
  }
}

/** Marks the member removed; reservations already booked for them keep naming them. */
export async function removeMember(db: Db, ownerId: string, memberId: string, now = new Date()): Promise<Result<null, FamilyError>> {
  const [row] = await db
    .update(familyMembers)
    .set({ removedAt: now })
    .where(ownLive(ownerId, memberId))
    .returning({ id: familyMembers.id });
  return row ? ok(null) : err({ code: "member_not_found" });
}
