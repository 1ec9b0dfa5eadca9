import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { normalizeIranianMobile } from "@/lib/auth/phone";
import { rawRows } from "@/lib/shared/raw-rows";
import { err, ok, type Result } from "@/lib/shared/result";

export type AccountError = { code: "bad_phone" } | { code: "role_conflict" } | { code: "account_in_use" };
export type ClaimedAccount = { userId: string; phone: string; created: boolean; previousRole: string | null };

/** The account a clinic admin gives a doctor or a staff member, found or made by phone number, so that signing
 * in with that number lands in the right area. Nobody has to sign up first: an absent number gets an account
 * with the role. An existing account of that role is used as it is. A patient account becomes the role only
 * while it has no history — no visit, consultation, payment or wallet entry — since a doctor or staff account
 * has no patient pages and the history would be stranded; anything else (a doctor asked to be staff, the
 * platform admin) is refused. Runs in the caller's transaction, which locks the row it changes. */
export async function accountByPhone(
  tx: Db,
  input: { phone: string; role: "doctor" | "staff"; name?: string | null },
): Promise<Result<ClaimedAccount, AccountError>> {
  const phone = normalizeIranianMobile(input.phone);
  if (!phone) return err({ code: "bad_phone" });
  const name = input.name?.trim() || null;
  const [existing] = await tx.select().from(users).where(eq(users.phone, phone)).for("update");
  if (!existing) {
    const [created] = await tx
      .insert(users)
      .values({ phone, role: input.role, name })
      .onConflictDoNothing({ target: users.phone })
      .returning({ id: users.id });
    // Someone signed up with the number this very moment: take that account through the rules above.
    if (!created) return accountByPhone(tx, input);
    return ok({ userId: created.id, phone, created: true, previousRole: null });
  }
  if (existing.role === input.role) return ok({ userId: existing.id, phone, created: false, previousRole: existing.role });
  if (existing.role !== "patient") return err({ code: "role_conflict" });
  const [history] = await rawRows<{ used: boolean }>(
    tx,
    sql`select
      exists (select 1 from reservations where patient_id = ${existing.id})
      or exists (select 1 from chat_requests where patient_id = ${existing.id})
      or exists (select 1 from payment_attempts where user_id = ${existing.id})
      or exists (select 1 from wallet_ledger where user_id = ${existing.id}) as used`,
  );
  if (history?.used) return err({ code: "account_in_use" });
  await tx
    .update(users)
    .set({ role: input.role, name: existing.name ?? name })
    .where(eq(users.id, existing.id));
  return ok({ userId: existing.id, phone, created: false, previousRole: existing.role });
}
