import { and, eq, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chatRequests, doctors } from "@/db/schema";
import { isStaff, type Actor } from "@/lib/auth/actor";
import { staffClinicsSql } from "@/lib/auth/clinic-scope";
import type { ChatRole } from "./chat-wire";

export type ChatRequestRow = typeof chatRequests.$inferSelect;
export type ChatAccess = { request: ChatRequestRow; role: ChatRole };

/** The requests an actor may see, as a condition on chat_requests joined with doctors. The platform admin
 * sees all; clinic staff those to their clinics' doctors; a doctor those addressed to the doctor profile
 * linked to their account; anyone their own. */
export function visibleTo(actor: Actor): SQL | undefined {
  const own = eq(chatRequests.patientId, actor.userId);
  if (isStaff(actor)) return actor.role === "admin" ? undefined : or(own, staffClinicsSql(actor, doctors.clinicId));
  return actor.role === "doctor" ? or(own, eq(doctors.userId, actor.userId)) : own;
}

/** The request as this actor may see it, or null: another patient's or doctor's request reads exactly
 * like a missing one. `forUpdate` locks the row for the caller's transaction. */
export async function chatRequestFor(
  db: Db,
  actor: Actor | null,
  chatRequestId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ChatAccess | null> {
  if (!actor || !z.uuid().safeParse(chatRequestId).success) return null;
  const query = db
    .select({ request: chatRequests, doctorUserId: doctors.userId })
    .from(chatRequests)
    .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
    .where(and(eq(chatRequests.id, chatRequestId), visibleTo(actor)));
  const [row] = options.forUpdate ? await query.for("update", { of: chatRequests }) : await query;
  if (!row) return null;
  const role: ChatRole =
    row.request.patientId === actor.userId ? "patient" : actor.role === "doctor" && row.doctorUserId === actor.userId ? "doctor" : "staff";
  return { request: row.request, role };
}
