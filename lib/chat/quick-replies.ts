import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctorQuickReplies, doctors } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { err, ok, type Result } from "@/lib/shared/result";

/** Enough for a doctor's routine answers; keeps the list under the composer short. */
export const QUICK_REPLIES_PER_DOCTOR = 30;

export type QuickReply = { id: string; body: string };
export type QuickReplyError = { code: "not_doctor" } | { code: "reply_not_found" } | { code: "too_many_replies" };

/** The doctor profile signed in as this actor: quick replies belong to it, never to whoever names an id. */
async function ownDoctorId(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== "doctor") return null;
  const [row] = await db.select({ id: doctors.id }).from(doctors).where(eq(doctors.userId, actor.userId));
  return row?.id ?? null;
}

export async function myQuickReplies(db: Db, actor: Actor): Promise<QuickReply[]> {
  const doctorId = await ownDoctorId(db, actor);
  if (!doctorId) return [];
  return db
    .select({ id: doctorQuickReplies.id, body: doctorQuickReplies.body })
    .from(doctorQuickReplies)
    .where(eq(doctorQuickReplies.doctorId, doctorId))
    .orderBy(asc(doctorQuickReplies.createdAt), asc(doctorQuickReplies.id));
}

/** `body` must already be cleaned by quickReplySchema. */
export async function addQuickReply(db: Db, actor: Actor, body: string): Promise<Result<QuickReply, QuickReplyError>> {
  const doctorId = await ownDoctorId(db, actor);
  if (!doctorId) return err({ code: "not_doctor" });
  return db.transaction(async (tx) => {
    // Lock the doctor row so two adds at once cannot both pass the cap.
    await tx.select({ id: doctors.id }).from(doctors).where(eq(doctors.id, doctorId)).for("update");
    const [{ n }] = (await tx.select({ n: count() }).from(doctorQuickReplies).where(eq(doctorQuickReplies.doctorId, doctorId))) as [
      { n: number },
    ];
    if (n >= QUICK_REPLIES_PER_DOCTOR) return err({ code: "too_many_replies" as const });
    const [row] = await tx
      .insert(doctorQuickReplies)
      .values({ doctorId, body })
      .returning({ id: doctorQuickReplies.id, body: doctorQuickReplies.body });
    return ok(row!);
  });
}

/** Another doctor's reply reads exactly like a missing one. */
export async function updateQuickReply(db: Db, actor: Actor, id: string, body: string): Promise<Result<void, QuickReplyError>> {
  const doctorId = await ownDoctorId(db, actor);
  if (!doctorId) return err({ code: "not_doctor" });
  const [row] = await db
    .update(doctorQuickReplies)
    .set({ body })
    .where(and(eq(doctorQuickReplies.id, id), eq(doctorQuickReplies.doctorId, doctorId)))
    .returning({ id: doctorQuickReplies.id });
  return row ? ok(undefined) : err({ code: "reply_not_found" });
}

export async function deleteQuickReply(db: Db, actor: Actor, id: string): Promise<Result<void, QuickReplyError>> {
  const doctorId = await ownDoctorId(db, actor);
  if (!doctorId) return err({ code: "not_doctor" });
  const [row] = await db
    .delete(doctorQuickReplies)
    .where(and(eq(doctorQuickReplies.id, id), eq(doctorQuickReplies.doctorId, doctorId)))
    .returning({ id: doctorQuickReplies.id });
  return row ? ok(undefined) : err({ code: "reply_not_found" });
}
