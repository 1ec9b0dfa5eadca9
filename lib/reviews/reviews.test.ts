import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, doctors, reservations, reviews, users } from "@/db/schema";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { searchDoctors } from "@/lib/directory/doctor-search";
import { findViolations } from "@/lib/invariants/invariant-checks";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makePatient } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { doctorReviews, hideReview, replyToReview, reviewsToManage, submitReview, visitsToReview } from "./reviews";

/** Reviews on real Postgres, over the demo seed (which has three reviews of attended visits). */
let database: Awaited<ReturnType<typeof createRacePostgres>>;
const db = (): Db => database.db;
const actorOf = async (phone: string): Promise<Actor> => {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
};
const rating = { overall: 4, treatment: 5, manner: 4, explanation: 3, recommends: true, comment: "  خوب بود  " };

let doctorId: string;

/** A visit of a new patient with the demo doctor (دکتر مریم کریمی), in the given state. */
async function visit(status: "attended" | "no_show" | "confirmed") {
  const engine = buildEngine(db(), await unreachableApiBase()).engine;
  const patient = await makePatient(db(), { balanceRial: 10_000_000, name: "نرگس صالحی" });
  const [slot] = (await db()
    .execute(sql`select s.id from time_slots s where s.doctor_id = ${doctorId} and s.status = 'open' and s.starts_at > now() + interval '1 day'
    and not exists (select 1 from reservations r where r.slot_id = s.id and r.status <> 'cancelled') order by s.starts_at limit 1`)) as unknown as {
    id: string;
  }[];
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot!.id }) });
  if (!paid.ok) throw new Error(paid.error.code);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  // What markAttendance does on the day of the visit.
  if (status !== "confirmed") await db().update(reservations).set({ status }).where(eq(reservations.id, reservation!.id));
  return { patient: { userId: patient.id, role: "patient" as const }, reservationId: reservation!.id };
}

beforeAll(async () => {
  database = await createRacePostgres();
  await seedDemoData(db());
  const [doctor] = await db().select().from(doctors).where(eq(doctors.name, "دکتر مریم کریمی"));
  doctorId = doctor!.id;
}, 60_000);
afterAll(() => database?.close());

describe("submitReview", () => {
  it("takes one review of an attended visit by its patient, and offers it only until then", async () => {
    const v = await visit("attended");
    expect(await visitsToReview(db(), v.patient.userId)).toEqual(new Set([v.reservationId]));
    const stranger = await actorOf(DEMO_PHONES.patientEmptyWallet);
    expect(await submitReview(db(), stranger, { reservationId: v.reservationId, ...rating })).toEqual({
      ok: false,
      error: { code: "reservation_not_found" },
    });
    expect(await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating, overall: 6 })).toEqual({
      ok: false,
      error: { code: "invalid_rating" },
    });
    expect(await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating, comment: "ب".repeat(1001) })).toEqual({
      ok: false,
      error: { code: "comment_too_long" },
    });
    expect(await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating })).toMatchObject({
      ok: true,
      value: { doctorId },
    });
    expect(await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating })).toEqual({
      ok: false,
      error: { code: "already_reviewed" },
    });
    expect(await visitsToReview(db(), v.patient.userId)).toEqual(new Set());
    const [row] = await db().select().from(reviews).where(eq(reviews.reservationId, v.reservationId));
    expect(row).toMatchObject({ comment: "خوب بود", patientId: v.patient.userId, doctorId });
  });

  it("refuses a visit that was not attended", async () => {
    for (const status of ["no_show", "confirmed"] as const) {
      const v = await visit(status);
      expect(await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating })).toEqual({
        ok: false,
        error: { code: "not_attended" },
      });
    }
  });

  it("the same review sent ten times at once is stored once", async () => {
    const v = await visit("attended");
    const results = await Promise.all(
      Array.from({ length: 10 }, () => submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(9).fill("already_reviewed"));
    expect(await db().select().from(reviews).where(eq(reviews.reservationId, v.reservationId))).toHaveLength(1);
  });
});

describe("what the doctor page shows", () => {
  it("averages, count, recommend rate and the latest visible reviews; cards show the overall average", async () => {
    const before = await doctorReviews(db(), doctorId);
    const v = await visit("attended");
    await submitReview(db(), v.patient, {
      reservationId: v.reservationId,
      overall: 1,
      treatment: 1,
      manner: 1,
      explanation: 1,
      recommends: false,
      comment: "",
    });
    const after = await doctorReviews(db(), doctorId);
    expect(after.count).toBe(before.count + 1);
    expect(after.latest[0]).toMatchObject({ overall: 1, author: "نرگس ص.", recommends: false });
    const [{ avg } = { avg: 0 }] = (await db().execute(
      sql`select avg(overall)::float8 as avg from reviews where doctor_id = ${doctorId} and hidden_at is null`,
    )) as unknown as { avg: number }[];
    expect(after.averages!.overall).toBeCloseTo(Number(avg));
    const card = (await searchDoctors(db(), { q: "مریم کریمی" })).find((d) => d.id === doctorId);
    expect(card).toMatchObject({ reviewCount: after.count });
    expect(card!.rating).toBeCloseTo(after.averages!.overall);
  });
});

describe("the doctor's reply and the clinic admin's hiding", () => {
  it("the doctor replies once, to their own reviews only", async () => {
    const v = await visit("attended");
    const submitted = await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating });
    if (!submitted.ok) throw new Error(submitted.error.code);
    const [review] = await db().select().from(reviews).where(eq(reviews.reservationId, v.reservationId));
    const doctor = await actorOf(DEMO_PHONES.doctor);
    expect(await replyToReview(db(), doctor, { reviewId: review!.id, reply: "   " })).toEqual({
      ok: false,
      error: { code: "reply_empty" },
    });
    expect(await replyToReview(db(), doctor, { reviewId: review!.id, reply: "سپاس از شما" })).toEqual({ ok: true, value: null });
    expect(await replyToReview(db(), doctor, { reviewId: review!.id, reply: "پاسخ دوم" })).toEqual({
      ok: false,
      error: { code: "already_replied" },
    });
    const [otherDoctorsReview] = await db()
      .select()
      .from(reviews)
      .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
      .where(sql`${doctors.name} <> 'دکتر مریم کریمی'`);
    expect(await replyToReview(db(), doctor, { reviewId: otherDoctorsReview!.reviews.id, reply: "x" })).toEqual({
      ok: false,
      error: { code: "review_not_found" },
    });
    await expect(replyToReview(db(), v.patient, { reviewId: review!.id, reply: "x" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a clinic admin hides their clinic's review with a reason, audited; other clinics and receptionists cannot", async () => {
    const v = await visit("attended");
    await submitReview(db(), v.patient, { reservationId: v.reservationId, ...rating, comment: "متن نامناسب" });
    const [review] = await db().select().from(reviews).where(eq(reviews.reservationId, v.reservationId));
    const ekbatanAdmin = await actorOf(DEMO_PHONES.ekbatanAdmin);
    expect(await hideReview(db(), ekbatanAdmin, { reviewId: review!.id, reason: "x" })).toEqual({
      ok: false,
      error: { code: "review_not_found" },
    });
    expect((await reviewsToManage(db(), ekbatanAdmin)).map((r) => r.id)).not.toContain(review!.id);
    await expect(hideReview(db(), await actorOf(DEMO_PHONES.staff), { reviewId: review!.id, reason: "x" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const clinicAdmin = await actorOf(DEMO_PHONES.clinicAdmin);
    expect(await hideReview(db(), clinicAdmin, { reviewId: review!.id, reason: " " })).toEqual({
      ok: false,
      error: { code: "reason_required" },
    });
    expect(await hideReview(db(), clinicAdmin, { reviewId: review!.id, reason: "توهین‌آمیز" })).toEqual({ ok: true, value: null });
    expect(await hideReview(db(), clinicAdmin, { reviewId: review!.id, reason: "دوباره" })).toEqual({
      ok: false,
      error: { code: "already_hidden" },
    });
    expect((await doctorReviews(db(), doctorId, 100)).latest.map((r) => r.id)).not.toContain(review!.id);
    const [hidden] = await db().select().from(reviews).where(eq(reviews.id, review!.id));
    expect(hidden).toMatchObject({ comment: "متن نامناسب", hiddenReason: "توهین‌آمیز", hiddenBy: clinicAdmin.userId });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "review.hide"), eq(auditLog.subjectId, review!.id)));
    expect(audit).toMatchObject([{ reason: "توهین‌آمیز", actorId: clinicAdmin.userId }]);
  });
});

/** The ids of the reviews check:integrity reports. */
const unverifiedReviews = async (handle: Parameters<typeof findViolations>[0]) =>
  (await findViolations(handle, ["verified_reviews"])).map((v) => v.subject);

describe("check:integrity", () => {
  it("finds no review without an attended visit in the seeded data, and finds one slipped past the database", async () => {
    expect(await unverifiedReviews(db())).toEqual([]);
    const v = await visit("no_show");
    await db()
      .transaction(async (tx) => {
        // A superuser bypassing triggers and foreign keys: the only way such a row can exist.
        await tx.execute(sql`set local session_replication_role = replica`);
        const [bad] = await tx
          .insert(reviews)
          .values({ reservationId: v.reservationId, patientId: v.patient.userId, doctorId, ...rating })
          .returning();
        expect(await unverifiedReviews(tx)).toEqual([bad!.id]);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message.includes("Rollback"))) throw error;
      });
    expect(await unverifiedReviews(db())).toEqual([]);
  });
});
