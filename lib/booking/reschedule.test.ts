import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, doctors, notifications, reservationMoves, reservations, walletLedger, type RescheduleTarget } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { handleGatewayReturn, payFromWallet, startGatewayPayment, type PaymentEngine } from "@/lib/payments/payment-engine";
import {
  attemptById,
  balanceOf,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  snapshot,
  startPayment,
} from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";
import { auditTrail } from "@/lib/audit/audit";
import { joinClinicsOf, makeActor } from "@/lib/staff/testing/staff-fixtures";
import { cancelOwnReservation } from "./cancellation";
import { moveOwnReservation, quoteReschedule } from "./reschedule";

/** Moves race other payers for the same slot, so this file runs on real Postgres. */
const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, poolMax: 12, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

const FEE = 3_500_000;
const HOUR = 3_600_000;
const POLICY = { fullRefundHours: 24 };
let hourCounter = 0;
/** A distinct start time `days` ahead (each call one hour later than the last). */
const daysAhead = (days: number) => new Date(Date.now() + days * 24 * HOUR + ++hourCounter * HOUR);

/** A patient who paid for a visit from their wallet (left empty), and two more free slots of that doctor. */
async function bookedVisit(engine: PaymentEngine, options: { startsAt?: Date } = {}) {
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id, { startsAt: options.startsAt ?? daysAhead(3) });
  const other = await makeSlot(db(), doctor.id, { startsAt: daysAhead(4) });
  const third = await makeSlot(db(), doctor.id, { startsAt: daysAhead(5) });
  const patient = await makePatient(db(), { balanceRial: FEE });
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
  if (!paid.ok) throw new Error(`booking failed: ${paid.error.code}`);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  const asPatient: Actor = { userId: patient.id, role: "patient" };
  return { doctor, slot, other, third, patient, asPatient, reservation: reservation! };
}

const setFee = (doctorId: string, visitFeeRial: number) => db().update(doctors).set({ visitFeeRial }).where(eq(doctors.id, doctorId));
const reservationNow = async (id: string) => (await db().select().from(reservations).where(eq(reservations.id, id)))[0]!;
const movesOf = (id: string) => db().select().from(reservationMoves).where(eq(reservationMoves.reservationId, id));
const rescheduledNotices = async (userId: string) =>
  (await db().select().from(notifications).where(eq(notifications.recipientId, userId))).filter(
    (n) => n.kind === "reservation_rescheduled",
  );

/** The audit trail's rows about these reservations: a move is one `reservation.reschedule` row, by the patient. */
const auditOf = (...reservationIds: string[]) => db().select().from(auditLog).where(inArray(auditLog.subjectId, reservationIds));

function moveInput(v: Awaited<ReturnType<typeof bookedVisit>>, slotId = v.other.id) {
  return { reservationId: v.reservation.id, fromSlotId: v.slot.id, slotId };
}

describe("moving a visit to another time of the same doctor", () => {
  it("same fee: moves at once, frees the old slot, takes no money, tells the patient once", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    const quote = await quoteReschedule(db(), { patientId: v.patient.id, reservationId: v.reservation.id, slotId: v.other.id }, POLICY);
    expect(quote).toMatchObject({ ok: true, value: { differenceRial: 0, fromSlotId: v.slot.id, toSlotId: v.other.id } });

    const ledgerBefore = (await snapshot(db())).ledger;
    const moved = await moveOwnReservation(db(), v.asPatient, { ...moveInput(v), expectedDifferenceRial: 0 }, POLICY);
    expect(moved).toMatchObject({ ok: true, value: { reservationId: v.reservation.id, paidRial: 0, refundRial: 0 } });
    expect(await reservationNow(v.reservation.id)).toMatchObject({
      slotId: v.other.id,
      amountRial: FEE,
      status: "confirmed",
      paymentAttemptId: v.reservation.paymentAttemptId,
    });
    expect(await movesOf(v.reservation.id)).toMatchObject([
      { seq: 1, fromSlotId: v.slot.id, toSlotId: v.other.id, paymentAttemptId: null, movedBy: v.patient.id },
    ]);
    expect((await snapshot(db())).ledger).toEqual(ledgerBefore);
    expect(await auditOf(v.reservation.id)).toMatchObject([
      {
        action: "reservation.reschedule",
        actorId: v.patient.id,
        clinicId: v.doctor.clinicId,
        subjectType: "reservation",
        before: { slotId: v.slot.id, startsAt: v.slot.startsAt.toISOString(), amountRial: FEE },
        after: { slotId: v.other.id, startsAt: v.other.startsAt.toISOString(), amountRial: FEE, differenceRial: 0 },
      },
    ]);
    // On the clinic's trail, read by name like the staff's own actions.
    const clinicAdmin = await makeActor(db(), "staff");
    await joinClinicsOf(db(), clinicAdmin, [v.doctor], "clinic_admin");
    expect((await auditTrail(db(), clinicAdmin, { action: "reservation.reschedule" })).rows).toMatchObject([
      { actorRole: "patient", subject: { kind: "reservation", doctorName: "دکتر آزمایشی", startsAt: v.other.startsAt } },
    ]);
    const notices = await rescheduledNotices(v.patient.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain("منتقل شد");
    expect(notices[0]!.link).toBe(`/appointments#${v.reservation.id}`);

    // The old time is free for anyone now.
    const next = await makePatient(db(), { balanceRial: FEE });
    expect((await payFromWallet(engine, { intent: intentFor(next.id, { kind: "reservation", slotId: v.slot.id }) })).ok).toBe(true);
    // And a cancellation of the moved visit refunds what it holds.
    const cancelled = await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY);
    expect(cancelled).toMatchObject({ ok: true, value: { refundRial: FEE } });
  });

  it("lower fee: moves and refunds the difference to the wallet, once", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    await setFee(v.doctor.id, FEE - 1_000_000);
    const moved = await moveOwnReservation(db(), v.asPatient, { ...moveInput(v), expectedDifferenceRial: -1_000_000 }, POLICY);
    expect(moved).toMatchObject({ ok: true, value: { refundRial: 1_000_000, paidRial: 0 } });
    expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.other.id, amountRial: FEE - 1_000_000 });
    expect(await balanceOf(db(), v.patient.id)).toBe(1_000_000);
    const [move] = await movesOf(v.reservation.id);
    const refunds = (await snapshot(db())).ledger.filter((l) => l.reason === "reschedule_refund");
    expect(refunds).toMatchObject([{ reference: move!.id, amountRial: 1_000_000, userId: v.patient.id }]);
    expect(await auditOf(v.reservation.id)).toMatchObject([{ after: { amountRial: FEE - 1_000_000, differenceRial: -1_000_000 } }]);
    // What is refunded on cancelling is what the visit holds now: in all, exactly what was paid.
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY)).toMatchObject({
      ok: true,
      value: { refundRial: FEE - 1_000_000 },
    });
    expect(await balanceOf(db(), v.patient.id)).toBe(FEE);
  });

  it("the confirmed difference must still be the difference: a fee changed meanwhile asks again", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    await setFee(v.doctor.id, FEE - 500_000);
    expect(await moveOwnReservation(db(), v.asPatient, { ...moveInput(v), expectedDifferenceRial: 0 }, POLICY)).toEqual({
      ok: false,
      error: { code: "fee_changed", differenceRial: -500_000 },
    });
    expect(await movesOf(v.reservation.id)).toEqual([]);
  });

  it("higher fee, paid from the wallet: moved once the difference is debited, in the same transaction", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    await setFee(v.doctor.id, FEE + 700_000);
    expect(await moveOwnReservation(db(), v.asPatient, moveInput(v), POLICY)).toEqual({
      ok: false,
      error: { code: "payment_required", differenceRial: 700_000 },
    });
    const target: RescheduleTarget = { kind: "reschedule", ...moveInput(v) };

    // Short of money: nothing moves, nothing is written.
    expect(await payFromWallet(engine, { intent: intentFor(v.patient.id, target) })).toMatchObject({
      ok: false,
      error: { code: "insufficient_balance", shortfallRial: 700_000 },
    });
    expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.slot.id, amountRial: FEE });
    expect(await auditOf(v.reservation.id)).toEqual([]);

    await db()
      .insert(walletLedger)
      .values({ userId: v.patient.id, amountRial: 1_000_000, reason: "staff_adjustment", reference: "test:topup" });
    const paid = await payFromWallet(engine, { intent: intentFor(v.patient.id, target) });
    expect(paid).toMatchObject({ ok: true, value: { balanceRial: 300_000 } });
    if (!paid.ok) return;
    expect(await attemptById(db(), paid.value.attemptId)).toMatchObject({
      purpose: "reschedule",
      amountRial: 700_000,
      status: "paid",
      outcome: "fulfilled",
    });
    expect(await reservationNow(v.reservation.id)).toMatchObject({
      slotId: v.other.id,
      amountRial: FEE + 700_000,
      paymentAttemptId: v.reservation.paymentAttemptId,
    });
    expect(await movesOf(v.reservation.id)).toMatchObject([
      { paymentAttemptId: paid.value.attemptId, fromAmountRial: FEE, toAmountRial: FEE + 700_000 },
    ]);
    expect(await rescheduledNotices(v.patient.id)).toHaveLength(1);

    // Paying the same move again finds it made: refused before any money moves.
    expect(await payFromWallet(engine, { intent: intentFor(v.patient.id, target) })).toMatchObject({
      ok: false,
      error: { code: "reschedule_refused", reason: "moved_meanwhile" },
    });
    expect(await auditOf(v.reservation.id)).toMatchObject([
      { action: "reservation.reschedule", actorId: v.patient.id, after: { amountRial: FEE + 700_000, differenceRial: 700_000 } },
    ]);
    // Cancelling gives back all that was paid: the visit and the difference.
    expect(await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY)).toMatchObject({
      ok: true,
      value: { refundRial: FEE + 700_000 },
    });
  });

  it("higher fee, paid at the gateway: nothing moves until the payment is verified; a failed payment moves nothing", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    await setFee(v.doctor.id, FEE + 1_500_000);
    const target: RescheduleTarget = { kind: "reschedule", ...moveInput(v) };

    const failed = await startPayment(engine, intentFor(v.patient.id, target));
    const nok = await payAtSandbox(apiBase(), failed.authority, "failed");
    await handleGatewayReturn(engine, nok);
    expect(await attemptById(db(), failed.attemptId)).toMatchObject({ status: "failed", amountRial: 1_500_000 });
    expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.slot.id });

    const started = await startPayment(engine, intentFor(v.patient.id, target));
    expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.slot.id });
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    // The callback twice at once: one move.
    await Promise.all([handleGatewayReturn(engine, back), handleGatewayReturn(engine, back)]);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.other.id, amountRial: FEE + 1_500_000 });
    expect(await movesOf(v.reservation.id)).toHaveLength(1);
    expect(await balanceOf(db(), v.patient.id)).toBe(0);
    expect(await rescheduledNotices(v.patient.id)).toHaveLength(1);
  });

  it("a gateway payment whose move can no longer be made (cancelled meanwhile) is refunded to the wallet", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    await setFee(v.doctor.id, FEE + 500_000);
    const started = await startPayment(engine, intentFor(v.patient.id, { kind: "reschedule", ...moveInput(v) }));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY);
    await handleGatewayReturn(engine, back);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(await balanceOf(db(), v.patient.id)).toBe(FEE + 500_000);
    expect(await movesOf(v.reservation.id)).toEqual([]);
    expect((await auditOf(v.reservation.id)).map((a) => a.action)).not.toContain("reservation.reschedule");
  });

  it("refuses every move the rules forbid, and writes nothing for it", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    const stranger: Actor = { userId: (await makePatient(db())).id, role: "patient" };
    const elsewhere = await makeSlot(db(), (await makeDoctor(db())).id, { startsAt: daysAhead(4) });
    const closed = await makeSlot(db(), v.doctor.id, { startsAt: daysAhead(4), status: "closed" });
    const code = async (actor: Actor, input: ReturnType<typeof moveInput>) => {
      const r = await moveOwnReservation(db(), actor, input, POLICY);
      return r.ok ? "moved" : r.error.code;
    };
    expect(await code(stranger, moveInput(v))).toBe("reservation_not_found");
    expect(await code(v.asPatient, moveInput(v, elsewhere.id))).toBe("other_doctor");
    expect(await code(v.asPatient, moveInput(v, v.slot.id))).toBe("same_slot");
    expect(await code(v.asPatient, moveInput(v, closed.id))).toBe("slot_closed");
    expect(await code(v.asPatient, { ...moveInput(v), fromSlotId: v.third.id })).toBe("moved_meanwhile");
    // A slot someone else holds.
    const holder = await makePatient(db(), { balanceRial: FEE });
    await payFromWallet(engine, { intent: intentFor(holder.id, { kind: "reservation", slotId: v.third.id }) });
    expect(await code(v.asPatient, moveInput(v, v.third.id))).toBe("slot_taken");
    // Nothing of it was written — "taken" last, found by the index inside the move's transaction.
    expect(await movesOf(v.reservation.id)).toEqual([]);
    expect(await auditOf(v.reservation.id)).toEqual([]);
    await cancelOwnReservation(db(), v.asPatient, { reservationId: v.reservation.id }, POLICY);
    expect(await code(v.asPatient, moveInput(v))).toBe("not_movable");
  });

  it("refuses once the full-refund window has closed, for the move and for a payment of the difference", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine, { startsAt: new Date(Date.now() + 10 * HOUR) });
    expect(await moveOwnReservation(db(), v.asPatient, moveInput(v), POLICY)).toEqual({ ok: false, error: { code: "window_closed" } });
    await setFee(v.doctor.id, FEE + 100_000);
    expect(await startGatewayPayment(engine, { intent: intentFor(v.patient.id, { kind: "reschedule", ...moveInput(v) }) })).toEqual({
      ok: false,
      error: { code: "reschedule_refused", reason: "window_closed" },
    });
    expect((await snapshot(db())).attempts).toHaveLength(1);
    expect(await movesOf(v.reservation.id)).toEqual([]);
  });

  it("a double submit of the same move moves once and answers both alike", async () => {
    const { engine } = testEngine();
    const v = await bookedVisit(engine);
    const results = await Promise.all(Array.from({ length: 5 }, () => moveOwnReservation(db(), v.asPatient, moveInput(v), POLICY)));
    const moves = await movesOf(v.reservation.id);
    expect(moves).toHaveLength(1);
    for (const r of results) expect(r).toMatchObject({ ok: true, value: { moveId: moves[0]!.id } });
    expect(await auditOf(v.reservation.id)).toHaveLength(1);
    expect(await rescheduledNotices(v.patient.id)).toHaveLength(1);
  });
});

const ROUNDS = 20;

describe(`a move racing another patient's payment for the target slot (${ROUNDS} rounds)`, () => {
  it("same-fee move against a gateway payment: one gets the slot, the other is told it is gone or refunded", async () => {
    const { engine } = testEngine();
    const wins = { move: 0, payment: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const v = await bookedVisit(engine);
      const rival = await makePatient(db());
      const started = await startPayment(engine, intentFor(rival.id, { kind: "reservation", slotId: v.other.id }));
      const back = await payAtSandbox(apiBase(), started.authority, "paid");

      const [moved] = await Promise.all([moveOwnReservation(db(), v.asPatient, moveInput(v), POLICY), handleGatewayReturn(engine, back)]);

      const live = (await db().select().from(reservations).where(eq(reservations.slotId, v.other.id))).filter(
        (r) => r.status !== "cancelled",
      );
      expect(live).toHaveLength(1);
      const rivalAttempt = await attemptById(db(), started.attemptId);
      if (moved.ok) {
        wins.move++;
        expect(live[0]!.id).toBe(v.reservation.id);
        expect(rivalAttempt).toMatchObject({ status: "paid", outcome: "auto_refunded" });
        expect(await balanceOf(db(), rival.id)).toBe(FEE);
      } else {
        wins.payment++;
        expect(moved.error.code).toBe("slot_taken");
        expect(live[0]!.patientId).toBe(rival.id);
        expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.slot.id, status: "confirmed" });
        expect(await movesOf(v.reservation.id)).toEqual([]);
        expect(rivalAttempt).toMatchObject({ status: "paid", outcome: "fulfilled" });
      }
    }
    expect(wins.move + wins.payment).toBe(ROUNDS);
  });

  it("a gateway-paid difference against a wallet payment: the loser's money is back in their wallet", async () => {
    const { engine } = testEngine();
    for (let round = 0; round < ROUNDS; round++) {
      const v = await bookedVisit(engine);
      await setFee(v.doctor.id, FEE + 200_000);
      const rival = await makePatient(db(), { balanceRial: FEE + 200_000 });
      const started = await startPayment(engine, intentFor(v.patient.id, { kind: "reschedule", ...moveInput(v) }));
      const back = await payAtSandbox(apiBase(), started.authority, "paid");

      const [, rivalPaid] = await Promise.all([
        handleGatewayReturn(engine, back),
        payFromWallet(engine, { intent: intentFor(rival.id, { kind: "reservation", slotId: v.other.id }) }),
      ]);

      const live = (await db().select().from(reservations).where(eq(reservations.slotId, v.other.id))).filter(
        (r) => r.status !== "cancelled",
      );
      expect(live).toHaveLength(1);
      const moveAttempt = await attemptById(db(), started.attemptId);
      if (live[0]!.id === v.reservation.id) {
        expect(moveAttempt.outcome).toBe("fulfilled");
        // Refused either at the price check (the move had committed: "taken") or inside its transaction (the
        // slot's row was held by the move): which one is timing. What matters is that nothing was debited.
        expect(rivalPaid.ok).toBe(false);
        if (!rivalPaid.ok) expect(["slot_not_found", "slot_unavailable"]).toContain(rivalPaid.error.code);
        expect(await balanceOf(db(), rival.id)).toBe(FEE + 200_000);
      } else {
        expect(rivalPaid.ok).toBe(true);
        expect(moveAttempt.outcome).toBe("auto_refunded");
        expect(await balanceOf(db(), v.patient.id)).toBe(200_000);
        expect(await reservationNow(v.reservation.id)).toMatchObject({ slotId: v.slot.id, amountRial: FEE });
      }
    }
  });

  it("two patients moving to the same free slot at once: the index lets exactly one in", async () => {
    const { engine } = testEngine();
    for (let round = 0; round < ROUNDS; round++) {
      const a = await bookedVisit(engine);
      // A second patient of the same doctor, on the third slot, wants the same new time.
      const b = await makePatient(db(), { balanceRial: FEE });
      const paid = await payFromWallet(engine, { intent: intentFor(b.id, { kind: "reservation", slotId: a.third.id }) });
      if (!paid.ok) throw new Error("setup");
      const [bReservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
      const asB: Actor = { userId: b.id, role: "patient" };

      const results = await Promise.all([
        moveOwnReservation(db(), a.asPatient, moveInput(a), POLICY),
        moveOwnReservation(db(), asB, { reservationId: bReservation!.id, fromSlotId: a.third.id, slotId: a.other.id }, POLICY),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(["slot_taken"]);
      expect(await auditOf(a.reservation.id, bReservation!.id)).toHaveLength(1);
      const live = (await db().select().from(reservations).where(eq(reservations.slotId, a.other.id))).filter(
        (r) => r.status !== "cancelled",
      );
      expect(live).toHaveLength(1);
    }
  });
});
