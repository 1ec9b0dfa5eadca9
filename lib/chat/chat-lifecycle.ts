import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, doctors } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionResult } from "@/lib/shared/transaction-result";
import { chatRequestFor } from "./chat-access";

export type LifecycleError =
  | { code: "not_found" }
  | { code: "not_doctor" }
  | { code: "deadline_passed" }
  | { code: "closed" }
  | { code: "already_closed" }
  | { code: "not_active" };

/** The request's own doctor, or why not. */
async function asItsDoctor(db: Db, actor: Actor | null, chatRequestId: string): Promise<Result<string, LifecycleError>> {
  const access = await chatRequestFor(db, actor, chatRequestId);
  if (!access) return err({ code: "not_found" });
  if (access.role !== "doctor") return err({ code: "not_doctor" });
  return ok(access.request.id);
}

async function statusOf(db: Db, id: string) {
  const [row] = await db.select({ status: chatRequests.status }).from(chatRequests).where(eq(chatRequests.id, id));
  return row!.status;
}

/** The doctor takes a waiting request before its deadline. Conditional on `waiting`, so it cannot race the
 * expiry job into both answering and refunding; accepting twice is fine. */
export async function acceptChatRequest(
  db: Db,
  actor: Actor | null,
  chatRequestId: string,
  now = new Date(),
): Promise<Result<void, LifecycleError>> {
  const doctor = await asItsDoctor(db, actor, chatRequestId);
  if (!doctor.ok) return doctor;
  const [accepted] = await db
    .update(chatRequests)
    .set({ status: "active" })
    .where(and(eq(chatRequests.id, doctor.value), eq(chatRequests.status, "waiting"), gt(chatRequests.answerDeadline, now)))
    .returning({ id: chatRequests.id });
  if (accepted) return ok(undefined);
  const status = await statusOf(db, doctor.value);
  if (status === "active") return ok(undefined);
  return err({ code: status === "closed" ? "closed" : "deadline_passed" });
}

/** The doctor ends an accepted conversation with a summary the patient keeps; who closed it and when are
 * stored with it, and the audit log gets its row in the same transaction (the summary itself stays out of
 * the log: it is the patient's medical record, not the clinic's trail). The update is conditional on
 * `active`, so of two closes at once (two tabs, a double tap) exactly one writes its summary and its audit
 * row, and the other is told the chat is already closed — never overwritten. */
export async function closeChatRequest(
  db: Db,
  actor: Actor | null,
  chatRequestId: string,
  /** Already cleaned and checked by `closingSummarySchema`. */
  summary: string,
  now = new Date(),
): Promise<Result<void, LifecycleError>> {
  const doctor = await asItsDoctor(db, actor, chatRequestId);
  if (!doctor.ok) return doctor;
  return transactionResult(db, async (tx): Promise<Result<void, LifecycleError>> => {
    const [closed] = await tx
      .update(chatRequests)
      .set({ status: "closed", closedAt: now, closingSummary: summary, closedBy: actor!.userId })
      .where(and(eq(chatRequests.id, doctor.value), eq(chatRequests.status, "active")))
      .returning({ id: chatRequests.id, doctorId: chatRequests.doctorId });
    if (closed) {
      const [clinic] = await tx.select({ id: doctors.clinicId }).from(doctors).where(eq(doctors.id, closed.doctorId));
      await recordAudit(tx, {
        actorId: actor!.userId,
        action: "chat.close",
        subjectType: "chat_request",
        subjectId: closed.id,
        before: { status: "active" },
        after: { status: "closed", closedAt: now.toISOString() },
        clinicId: clinic?.id ?? null,
      });
      return ok(undefined);
    }
    const status = await statusOf(tx, doctor.value);
    if (status === "closed") return err({ code: "already_closed" });
    return err({ code: status === "expired" ? "closed" : "not_active" });
  });
}
