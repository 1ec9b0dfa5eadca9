import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, clinicMemberships, reservations, users } from "@/db/schema";
import type { Db } from "@/db/client";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { balanceOf, buildEngine, intentFor, makeDoctor, makePatient, makeSlot, snapshot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { cancelOwnReservation, cancelReservationAsStaff, patientRefund } from "./cancellation";

const FEE = 3_500_000;
const HOUR = 3_600_000;
const POLICY = { fullRefundHours: 24 };

/** A patient who paid for a visit `hoursAhead` from now out of their wallet (which is left empty). */
async function bookedVisit(db: Db, hoursAhead: number) {
  const engine = buildEngine(db, await unreachableApiBase()).engine;
  const doctor = await makeDoctor(db, { visitFeeRial: FEE });
  const slot = await makeSlot(db, doctor.id, { startsAt: new Date(Date.now() + hoursAhead * HOUR) });
  const patient = await makePatient(db, { balanceRial: FEE });
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
  if (!paid.ok) throw new Error(`booking failed: ${paid.error.code}`);
  const [reservation] = await db.select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  const asPatient: Actor = { userId: patient.id, role: "patient" };
  return { engine, doctor, slot, patient, asPatient, reservation: reservation! };
}

/** Clinic staff of the visit's doctor's clinic (tenancy has its own tests), or the platform admin. */
async function staffMember(db: Db, role: "staff" | "admin", of: { doctor: { clinicId: string } }): Promise<Actor> {
  const user = await makePatient(db);
  await db.update(users).set({ role }).where(eq(users.id, user.id));
  if (role === "staff") await db.insert(clinicMemberships).values({ userId: user.id, clinicId: of.doctor.clinicId, role: "receptionist" });
  return { userId: user.id, role };
}

const refundsFor = async (db: Db, reservationId: string) =>
  (await snapshot(db)).ledger.filter((l) => l.reason === "cancellation_refund" && l.reference === reservationId);

describe("the patient's refund rule", () => {
  const startsAt = new Date("2026-03-10T10:00:00Z");
  it("refunds in full up to the deadline, inclusive, and nothing after it", () => {
    const deadline = new Date(startsAt.getTime() - 24 * HOUR);
    expect(patientRefund(startsAt, FEE, new Date(deadline.getTime() - 1), POLICY)).toEqual({
      refundRial: FEE,
      rule: "full_refund",
      deadline,
    });
    expect(patientRefund(startsAt, FEE, deadline, POLICY)).toEqual({ refundRial: FEE, rule: "full_refund", deadline });
    expect(patientRefund(startsAt, FEE, new Date(deadline.getTime() + 1), POLICY)).toEqual({ refundRial: 0, rule: "no_refund", deadline });
  });
  it("follows the configured window", () => {
    const now = new Date(startsAt.getTime() - 30 * HOUR);
    expect(patientRefund(startsAt, FEE, now, { fullRefundHours: 48 }).rule).toBe("no_refund");
    expect(patientRefund(startsAt, FEE, now, { fullRefundHours: 0 }).rule).toBe("full_refund");
  });
});

describe("cancelling a reservation", () => {
  const { db } = setupTestDatabase();

  it("by the patient 24 h or more ahead: cancelled, one refund entry of the price, and the slot can be bought again", async () => {
    const v = await bookedVisit(db(), 48);
    const result = await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id, expectedRefundRial: FEE }, POLICY);
    expect(result).toEqual({
      ok: true,
      value: { reservationId: v.reservation.id, slotId: v.slot.id, patientId: v.patient.id, refundRial: FEE, balanceRial: FEE },
    });
    const [after] = await db().select().from(reservations).where(eq(reservations.id, v.reservation.id));
    expect(after).toMatchObject({ status: "cancelled", cancelledBy: v.patient.id, cancelReason: null });
    expect(after!.cancelledAt).toBeInstanceOf(Date);
    expect(await refundsFor(db(), v.reservation.id)).toMatchObject([{ userId: v.patient.id, amountRial: FEE, balanceAfterRial: FEE }]);
    expect(await balanceOf(db(), v.patient.id)).toBe(FEE);
    // No audit row for a patient's own cancellation; it is on the reservation itself.
    expect(await db().select().from(auditLog)).toEqual([]);

    const next = await makePatient(db(), { balanceRial: FEE });
    expect(await payFromWallet(v.engine, { intent: intentFor(next.id, { kind: "reservation", slotId: v.slot.id }) })).toMatchObject({
      ok: true,
    });
    const live = (await snapshot(db())).reservations.filter((r) => r.slotId === v.slot.id && r.status === "confirmed");
    expect(live.map((r) => r.patientId)).toEqual([next.id]);
  });

  it("by the patient inside 24 h: cancelled without any ledger entry", async () => {
    const v = await bookedVisit(db(), 5);
    const ledgerBefore = (await snapshot(db())).ledger;
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id, expectedRefundRial: 0 }, POLICY)).toMatchObject(
      {
        ok: true,
        value: { refundRial: 0, balanceRial: null },
      },
    );
    expect((await snapshot(db())).ledger).toEqual(ledgerBefore);
    expect(await balanceOf(db(), v.patient.id)).toBe(0);
    expect((await db().select().from(reservations).where(eq(reservations.id, v.reservation.id)))[0]!.status).toBe("cancelled");
  });

  it("refuses when the refund the patient was shown is no longer the one that applies, changing nothing", async () => {
    const v = await bookedVisit(db(), 30);
    const before = await snapshot(db());
    const later = new Date(Date.now() + 7 * HOUR); // the deadline has passed meanwhile
    expect(
      await cancelOwnReservation(
        db(),
        v.asPatient,
        { reservationId: v.reservation.id, expectedRefundRial: FEE },
        { ...POLICY, now: later },
      ),
    ).toEqual({
      ok: false,
      error: { code: "refund_changed", refundRial: 0 },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("a second cancellation is refused and never refunds twice", async () => {
    const v = await bookedVisit(db(), 48);
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY)).toMatchObject({ ok: true });
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY)).toEqual({
      ok: false,
      error: { code: "not_cancellable", status: "cancelled" },
    });
    const staff = await staffMember(db(), "staff", v);
    expect(await cancelReservationAsStaff(db(), staff, { reservationId: v.reservation.id, reason: "دوباره" }, POLICY)).toEqual({
      ok: false,
      error: { code: "not_cancellable", status: "cancelled" },
    });
    expect(await refundsFor(db(), v.reservation.id)).toHaveLength(1);
    expect(await balanceOf(db(), v.patient.id)).toBe(FEE);
  });

  it("another patient's reservation, or none, reads as not found; a visit that has begun cannot be cancelled by the patient", async () => {
    const v = await bookedVisit(db(), 48);
    const stranger: Actor = { userId: (await makePatient(db())).id, role: "patient" };
    const before = await snapshot(db());
    expect(await cancelOwnReservation(db(), stranger, { reservationId: v.reservation.id }, POLICY)).toEqual({
      ok: false,
      error: { code: "reservation_not_found" },
    });
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: randomUUID() }, POLICY)).toEqual({
      ok: false,
      error: { code: "reservation_not_found" },
    });
    const started = new Date(v.slot.startsAt.getTime() + 60_000);
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, { ...POLICY, now: started })).toEqual({
      ok: false,
      error: { code: "already_started" },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("lets a doctor or staff member who booked as a patient cancel their own visit by the patient's rule", async () => {
    for (const role of ["doctor", "staff"] as const) {
      const v = await bookedVisit(db(), 5);
      await db().update(users).set({ role }).where(eq(users.id, v.patient.id));
      const result = await cancelOwnReservation(
        db(),
        { userId: v.patient.id, role },
        { reservationId: v.reservation.id, expectedRefundRial: 0 },
        POLICY,
      );
      // Inside 24 h: the patient's rule (nothing back, no reason asked), not the clinic's full refund.
      expect(result, role).toMatchObject({ ok: true, value: { refundRial: 0 } });
    }
  });

  it("refuses the clinic's cancellation to patients and to other doctors, and every cancellation to anonymous callers", async () => {
    const v = await bookedVisit(db(), 48);
    const before = await snapshot(db());
    for (const actor of [v.asPatient, null]) {
      await expect(
        cancelReservationAsStaff(db(), actor, { reservationId: v.reservation.id, reason: "بدون تأیید" }, POLICY),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    // A doctor reaches only their own visits (a day off, lib/staff/day-off.test.ts): this one is not theirs.
    expect(
      await cancelReservationAsStaff(
        db(),
        { userId: v.doctor.id, role: "doctor" },
        { reservationId: v.reservation.id, reason: "بدون تأیید" },
        POLICY,
      ),
    ).toEqual({
      ok: false,
      error: { code: "reservation_not_found" },
    });
    await expect(cancelOwnReservation(db(), null, { reservationId: v.reservation.id }, POLICY)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await cancelOwnReservation(db(), { userId: v.doctor.id, role: "doctor" }, { reservationId: v.reservation.id }, POLICY)).toEqual({
      ok: false,
      error: { code: "reservation_not_found" },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  for (const role of ["staff", "admin"] as const) {
    it(`by ${role}: needs a reason, refunds in full even inside 24 h, and is audited with before and after`, async () => {
      const v = await bookedVisit(db(), 2);
      const actor = await staffMember(db(), role, v);
      expect(await cancelReservationAsStaff(db(), actor, { reservationId: v.reservation.id, reason: "   " }, POLICY)).toEqual({
        ok: false,
        error: { code: "reason_required" },
      });
      expect(await refundsFor(db(), v.reservation.id)).toHaveLength(0);

      const result = await cancelReservationAsStaff(
        db(),
        actor,
        { reservationId: v.reservation.id, reason: " پزشک در دسترس نیست " },
        POLICY,
      );
      expect(result).toMatchObject({ ok: true, value: { refundRial: FEE, balanceRial: FEE } });
      expect((await db().select().from(reservations).where(eq(reservations.id, v.reservation.id)))[0]).toMatchObject({
        status: "cancelled",
        cancelledBy: actor.userId,
        cancelReason: "پزشک در دسترس نیست",
      });
      expect(await refundsFor(db(), v.reservation.id)).toMatchObject([{ amountRial: FEE, note: "پزشک در دسترس نیست" }]);
      const audit = await db().select().from(auditLog);
      expect(audit).toMatchObject([
        {
          actorId: actor.userId,
          action: "reservation.cancel",
          subjectType: "reservation",
          subjectId: v.reservation.id,
          before: { status: "confirmed", patientId: v.patient.id, slotId: v.slot.id, amountRial: FEE },
          after: { status: "cancelled", refundRial: FEE },
          reason: "پزشک در دسترس نیست",
        },
      ]);
    });
  }

  it("rolls back with the caller's transaction: no cancellation and no refund survive", async () => {
    const v = await bookedVisit(db(), 48);
    const before = await snapshot(db());
    await expect(
      db().transaction(async (tx) => {
        expect(await cancelOwnReservation(tx, v.asPatient, { reservationId: v.reservation.id }, POLICY)).toMatchObject({ ok: true });
        throw new Error("caller failed later");
      }),
    ).rejects.toThrow("caller failed later");
    expect(await snapshot(db())).toEqual(before);
  });
});

describe("cancellations racing on real Postgres", () => {
  const { db } = setupTestDatabase({ realPostgres: true, poolMax: 20 });

  it("the patient and staff cancelling at once, ten times over: one cancellation, one refund", async () => {
    const v = await bookedVisit(db(), 48);
    const staff = await staffMember(db(), "staff", v);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY)
          : cancelReservationAsStaff(db(), staff, { reservationId: v.reservation.id, reason: "لغو همزمان" }, POLICY),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, error: { code: "not_cancellable", status: "cancelled" } });
    expect(await refundsFor(db(), v.reservation.id)).toHaveLength(1);
    expect(await balanceOf(db(), v.patient.id)).toBe(FEE);
  });

  it("a cancellation and a new wallet payment for the freed slot at once: the slot ends with at most one live reservation", async () => {
    const v = await bookedVisit(db(), 48);
    const buyers = await Promise.all(Array.from({ length: 5 }, () => makePatient(db(), { balanceRial: FEE })));
    const [cancelled, ...paid] = await Promise.all([
      cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY),
      ...buyers.map((b) => payFromWallet(v.engine, { intent: intentFor(b.id, { kind: "reservation", slotId: v.slot.id }) })),
    ]);
    expect(cancelled).toMatchObject({ ok: true });
    const live = (await snapshot(db())).reservations.filter((r) => r.slotId === v.slot.id && r.status === "confirmed");
    expect(live.length).toBeLessThanOrEqual(1);
    expect(paid.filter((p) => p.ok)).toHaveLength(live.length);
    for (const b of buyers) {
      const won = live.some((r) => r.patientId === b.id);
      expect(await balanceOf(db(), b.id)).toBe(won ? 0 : FEE);
    }
  });
});
