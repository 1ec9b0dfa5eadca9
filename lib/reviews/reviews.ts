import { and, avg, count, desc, eq, isNull, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, reservations, reviews, timeSlots, users } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { isUniqueViolation } from "@/lib/shared/pg-errors";
import { err, ok, type Result } from "@/lib/shared/result";
import { recordAudit } from "@/lib/audit/audit";

export const COMMENT_MAX = 1000;
export const REPLY_MAX = 1000;
export const HIDE_REASON_MAX = 500;

export type Ratings = { overall: number; treatment: number; manner: number; explanation: number };
export type ReviewInput = Ratings & { reservationId: string; recommends: boolean; comment: string };
export type ReviewError =
  | { code: "reservation_not_found" }
  | { code: "not_attended" }
  | { code: "already_reviewed" }
  | { code: "invalid_rating" }
  | { code: "comment_too_long" };

const validRating = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;

/** The patient rates a visit of theirs that staff marked attended, once. Another patient's visit reads as
 * missing; the database refuses anything else too (reviews_attended_visit_only, the composite key). */
export async function submitReview(
  db: Db,
  actor: Actor | null,
  input: ReviewInput,
): Promise<Result<{ id: string; doctorId: string }, ReviewError>> {
  assertRole(actor, ["patient", "doctor", "staff", "admin"]);
  const ratings = [input.overall, input.treatment, input.manner, input.explanation];
  if (!ratings.every(validRating)) return err({ code: "invalid_rating" });
  const comment = input.comment.trim();
  if (comment.length > COMMENT_MAX) return err({ code: "comment_too_long" });
  return db
    .transaction(async (tx): Promise<Result<{ id: string; doctorId: string }, ReviewError>> => {
      const [reservation] = await tx
        .select()
        .from(reservations)
        .where(and(eq(reservations.id, input.reservationId), eq(reservations.patientId, actor.userId)))
        .for("share");
      if (!reservation) return err({ code: "reservation_not_found" });
      if (reservation.status !== "attended") return err({ code: "not_attended" });
      const [row] = await tx
        .insert(reviews)
        .values({
          reservationId: reservation.id,
          patientId: actor.userId,
          doctorId: reservation.doctorId,
          overall: input.overall,
          treatment: input.treatment,
          manner: input.manner,
          explanation: input.explanation,
          recommends: input.recommends,
          comment,
        })
        .onConflictDoNothing({ target: reviews.reservationId })
        .returning({ id: reviews.id });
      if (!row) return err({ code: "already_reviewed" });
      return ok({ id: row.id, doctorId: reservation.doctorId });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, "reviews_one_per_reservation")) return err({ code: "already_reviewed" as const });
      throw error;
    });
}

/** The patient's attended visits they have not rated yet, for "نوبت‌های من". */
export async function visitsToReview(db: Db, patientId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: reservations.id })
    .from(reservations)
    .leftJoin(reviews, eq(reviews.reservationId, reservations.id))
    .where(and(eq(reservations.patientId, patientId), eq(reservations.status, "attended"), isNull(reviews.id)));
  return new Set(rows.map((r) => r.id));
}

/** What the review form shows about the visit: the patient's own attended visit, else null. */
export async function visitForReview(db: Db, actor: Actor, reservationId: string) {
  const [row] = await db
    .select({
      id: reservations.id,
      status: reservations.status,
      doctorName: doctors.name,
      startsAt: timeSlots.startsAt,
      reviewId: reviews.id,
    })
    .from(reservations)
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .leftJoin(reviews, eq(reviews.reservationId, reservations.id))
    .where(and(eq(reservations.id, reservationId), eq(reservations.patientId, actor.userId)));
  return row ?? null;
}

export type PublicReview = Ratings & {
  id: string;
  recommends: boolean;
  comment: string;
  reply: string | null;
  repliedAt: Date | null;
  createdAt: Date;
  author: string;
};
export type ReviewSummary = { count: number; averages: Ratings | null; recommendRate: number | null; latest: PublicReview[] };

/** "زهرا م.": a first name and an initial, enough to be a person, not enough to find them. */
export function authorLabel(name: string | null): string | null {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `${parts[0]} ${parts[parts.length - 1]!.charAt(0)}.`;
}

const visible = isNull(reviews.hiddenAt);

/** What every list of reviews shows of one. */
const reviewColumns = {
  id: reviews.id,
  overall: reviews.overall,
  treatment: reviews.treatment,
  manner: reviews.manner,
  explanation: reviews.explanation,
  recommends: reviews.recommends,
  comment: reviews.comment,
  reply: reviews.reply,
  repliedAt: reviews.repliedAt,
  createdAt: reviews.createdAt,
};
const mean = (column: AnyColumn) => sql<number | null>`${avg(column)}::float8`.mapWith((v) => (v === null ? null : Number(v)));

/** The doctor page's reviews: averages, count and share who would recommend, and the latest visible ones. */
export async function doctorReviews(db: Db, doctorId: string, limit = 10): Promise<ReviewSummary> {
  const [agg] = await db
    .select({
      count: count(),
      overall: mean(reviews.overall),
      treatment: mean(reviews.treatment),
      manner: mean(reviews.manner),
      explanation: mean(reviews.explanation),
      recommend: sql<number | null>`avg(case when ${reviews.recommends} then 1 else 0 end)::float8`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
    })
    .from(reviews)
    .where(and(eq(reviews.doctorId, doctorId), visible));
  const latest = await db
    .select({
      ...reviewColumns,
      name: users.name,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.patientId))
    .where(and(eq(reviews.doctorId, doctorId), visible))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
  const n = agg?.count ?? 0;
  return {
    count: n,
    averages: n > 0 ? { overall: agg!.overall!, treatment: agg!.treatment!, manner: agg!.manner!, explanation: agg!.explanation! } : null,
    recommendRate: n > 0 ? agg!.recommend : null,
    latest: latest.map(({ name, ...r }) => ({ ...r, author: authorLabel(name) ?? "" })),
  };
}

export type ReplyError = { code: "review_not_found" } | { code: "already_replied" } | { code: "reply_empty" } | { code: "reply_too_long" };

/** The doctor answers a review of their own visits, publicly and once. */
export async function replyToReview(
  db: Db,
  actor: Actor | null,
  input: { reviewId: string; reply: string },
  now = new Date(),
): Promise<Result<null, ReplyError>> {
  assertRole(actor, ["doctor"]);
  const reply = input.reply.trim();
  if (!reply) return err({ code: "reply_empty" });
  if (reply.length > REPLY_MAX) return err({ code: "reply_too_long" });
  const [own] = await db
    .select({ id: reviews.id, reply: reviews.reply })
    .from(reviews)
    .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
    .where(and(eq(reviews.id, input.reviewId), eq(doctors.userId, actor.userId)));
  if (!own) return err({ code: "review_not_found" });
  const [updated] = await db
    .update(reviews)
    .set({ reply, repliedAt: now })
    .where(and(eq(reviews.id, own.id), isNull(reviews.reply)))
    .returning({ id: reviews.id });
  return updated ? ok(null) : err({ code: "already_replied" });
}

export type StaffReview = PublicReview & {
  doctorName: string;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  patientName: string | null;
  patientPhone: string;
};

/** Reviews of the doctor's own visits (the doctor's reply page), or of the caller's clinics' doctors (the clinic
 * admin's moderation page), newest first, hidden ones included and marked. */
export async function reviewsToManage(db: Db, actor: Actor | null, limit = 100): Promise<StaffReview[]> {
  assertRole(actor, ["doctor", "staff", "admin"]);
  const where =
    actor.role === "doctor" ? eq(doctors.userId, actor.userId) : inScope(await clinicScope(db, actor, "clinic_admin"), doctors.clinicId);
  const rows = await db
    .select({
      ...reviewColumns,
      doctorName: doctors.name,
      hiddenAt: reviews.hiddenAt,
      hiddenReason: reviews.hiddenReason,
      patientName: users.name,
      patientPhone: users.phone,
    })
    .from(reviews)
    .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
    .innerJoin(users, eq(users.id, reviews.patientId))
    .where(where)
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, author: authorLabel(r.patientName) ?? "" }));
}

export type HideError = { code: "review_not_found" } | { code: "reason_required" } | { code: "already_hidden" };

/** A clinic admin (or the platform admin) hides a review of their clinic's doctor with a reason, audited; the
 * review itself is never edited. */
export async function hideReview(
  db: Db,
  actor: Actor | null,
  input: { reviewId: string; reason: string },
  now = new Date(),
): Promise<Result<null, HideError>> {
  assertRole(actor, ["staff", "admin"]);
  const scope = await clinicScope(db, actor, "clinic_admin");
  const reason = input.reason.trim().slice(0, HIDE_REASON_MAX);
  if (!reason) return err({ code: "reason_required" });
  return db.transaction(async (tx): Promise<Result<null, HideError>> => {
    const [row] = await tx
      .select({
        id: reviews.id,
        hiddenAt: reviews.hiddenAt,
        clinicId: doctors.clinicId,
        overall: reviews.overall,
        comment: reviews.comment,
      })
      .from(reviews)
      .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
      .where(and(eq(reviews.id, input.reviewId), inScope(scope, doctors.clinicId)))
      .for("update", { of: reviews });
    if (!row) return err({ code: "review_not_found" });
    if (row.hiddenAt) return err({ code: "already_hidden" });
    await tx.update(reviews).set({ hiddenAt: now, hiddenBy: actor.userId, hiddenReason: reason }).where(eq(reviews.id, row.id));
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: row.clinicId,
      action: "review.hide",
      subjectType: "review",
      subjectId: row.id,
      before: { hidden: false, overall: row.overall, comment: row.comment },
      after: { hidden: true },
      reason,
    });
    return ok(null);
  });
}
