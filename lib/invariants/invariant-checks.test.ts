import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  cardReversals,
  chatRequests,
  paymentAttempts,
  reservationMoves,
  reservations,
  reviews,
  walletLedger,
  wallets,
  withdrawals,
  type PaymentTarget,
} from "@/db/schema";
import { fundWallet, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { ghostRecords } from "./ghost-records";
import { findViolations, INVARIANT_NAMES, type Invariant } from "./invariant-checks";

/* Every check proved able to fail: each test writes a state the services never write — by hand, the way a
 * bug or an operator's "fix" would — and sees exactly its check report it. The database is checked by hand
 * here, not after each test. */
const world = setupTestDatabase({ checkInvariants: false });
const db = () => world.db();

const FEE = 2_000_000;

/** Which checks report something, and their messages, for a compact expectation. */
async function broken(database: Db = db()): Promise<Partial<Record<Invariant, string[]>>> {
  const found: Partial<Record<Invariant, string[]>> = {};
  for (const violation of await findViolations(database)) (found[violation.invariant] ??= []).push(violation.message);
  return found;
}

type AttemptInput = { userId: string; target: PaymentTarget; amountRial?: number; gateway?: "sandbox" | "wallet" } & Partial<
  Pick<typeof paymentAttempts.$inferInsert, "status" | "outcome" | "refId" | "settledAt">
>;

async function attempt(input: AttemptInput) {
  const gateway = input.gateway ?? "sandbox";
  const status = input.status ?? "paid";
  const [row] = await db()
    .insert(paymentAttempts)
    .values({
      userId: input.userId,
      purpose: input.target.kind,
      target: input.target,
      amountRial: input.amountRial ?? FEE,
      gateway,
      authority: gateway === "wallet" ? null : `A${randomUUID().replaceAll("-", "")}`,
      status,
      outcome: input.outcome === undefined ? (status === "paid" ? "fulfilled" : null) : input.outcome,
      refId: input.refId === undefined ? (status === "paid" && gateway !== "wallet" ? "123456789" : null) : input.refId,
      settledAt: input.settledAt === undefined ? (status === "paid" ? new Date() : null) : input.settledAt,
      intentId: randomUUID(),
    })
    .returning();
  return row!;
}

async function ledgerEntry(userId: string, amountRial: number, reason: typeof walletLedger.$inferInsert.reason, reference: string) {
  const [row] = await db().insert(walletLedger).values({ userId, amountRial, reason, reference }).returning();
  return row!;
}

/** A patient, a doctor and a slot, and a reservation paid at the gateway the way the engine leaves it. */
async function paidReservation() {
  const patient = await makePatient(db());
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id);
  const paid = await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id } });
  const [reservation] = await db()
    .insert(reservations)
    .values({ slotId: slot.id, doctorId: doctor.id, patientId: patient.id, paymentAttemptId: paid.id, amountRial: FEE })
    .returning();
  return { patient, doctor, slot, attempt: paid, reservation: reservation! };
}

/** A move the way the reschedule service writes it: the reservation's slot and amount follow. */
async function move(
  reservationId: string,
  movedBy: string,
  m: { seq: number; from: [string, number]; to: [string, number]; attemptId?: string },
) {
  const [row] = await db()
    .insert(reservationMoves)
    .values({
      reservationId,
      seq: m.seq,
      fromSlotId: m.from[0],
      fromAmountRial: m.from[1],
      toSlotId: m.to[0],
      toAmountRial: m.to[1],
      paymentAttemptId: m.attemptId ?? null,
      movedBy,
    })
    .returning();
  await db().update(reservations).set({ slotId: m.to[0], amountRial: m.to[1] }).where(eq(reservations.id, reservationId));
  return row!;
}

async function chatRequest(patientId: string, doctorId: string, attemptId: string, status: "waiting" | "expired" = "waiting") {
  const [row] = await db()
    .insert(chatRequests)
    .values({ patientId, doctorId, paymentAttemptId: attemptId, question: "سلام", amountRial: FEE, status, answerDeadline: new Date() })
    .returning();
  return row!;
}

/** A chat request paid from the wallet the way the engine leaves it: funded, debited, created. */
async function walletChat(patientId: string, doctorId: string, status: "waiting" | "expired") {
  await fundWallet(db(), patientId, FEE);
  const byWallet = await attempt({ userId: patientId, target: { kind: "chat", doctorId, question: "سلام" }, gateway: "wallet" });
  await ledgerEntry(patientId, -FEE, "chat_payment", byWallet.id);
  return chatRequest(patientId, doctorId, byWallet.id, status);
}

describe("the invariant checks", () => {
  it("find nothing in the states the services write: gateway and wallet purchases, a top-up, refunds of every kind", async () => {
    const { patient, doctor, reservation } = await paidReservation();
    // Cancelled by the clinic with a full refund to the wallet.
    await db().update(reservations).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(reservations.id, reservation.id));
    await ledgerEntry(patient.id, FEE, "cancellation_refund", reservation.id);
    // A chat request paid from the wallet, expired unanswered and refunded.
    const chat = await walletChat(patient.id, doctor.id, "expired");
    await ledgerEntry(patient.id, FEE, "chat_expiry_refund", chat.id);
    // A top-up, and a paid reservation whose slot was taken meanwhile: refunded to the wallet once.
    const topup = await attempt({ userId: patient.id, target: { kind: "topup", amountRial: 500_000 }, amountRial: 500_000 });
    await ledgerEntry(patient.id, 500_000, "topup", topup.id);
    const slot = await makeSlot(db(), doctor.id);
    const refunded = await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id }, outcome: "auto_refunded" });
    await ledgerEntry(patient.id, FEE, "auto_refund", refunded.id);
    // One that failed and one still at the gateway.
    await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id }, status: "failed" });
    await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id }, status: "pending" });

    expect(await findViolations(db())).toEqual([]);
    expect(await ghostRecords(db())).toEqual({ reservations: 0, chatRequests: 0, total: 0, sample: [] });
  });

  it("ghost_records: a reservation whose attempt was never paid, and a chat request whose paid attempt never reached the gateway", async () => {
    const patient = await makePatient(db());
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const pending = await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id }, status: "pending" });
    const [ghost] = await db()
      .insert(reservations)
      .values({ slotId: slot.id, doctorId: doctor.id, patientId: patient.id, paymentAttemptId: pending.id, amountRial: FEE })
      .returning();
    const unverified = await attempt({ userId: patient.id, target: { kind: "chat", doctorId: doctor.id, question: "سلام" }, refId: null });
    const chat = await chatRequest(patient.id, doctor.id, unverified.id);

    expect(await broken()).toEqual({
      ghost_records: [
        `ghost reservation ${ghost!.id}: attempt pending/null`,
        `ghost chat_request ${chat.id}: attempt ${unverified.id} does not match it or has no verified payment behind it`,
      ],
      attempt_records: [`attempt ${pending.id} (reservation pending/null) has 1 records, expected 0`],
    });
    expect(await ghostRecords(db())).toEqual({
      reservations: 1,
      chatRequests: 1,
      total: 2,
      sample: [
        { kind: "reservation", id: ghost!.id },
        { kind: "chat_request", id: chat.id },
      ],
    });
  });

  it("ghost_records: a reservation on another slot, or for another amount, than its paid attempt", async () => {
    const { doctor, reservation } = await paidReservation();
    const other = await makeSlot(db(), doctor.id);
    await db().update(reservations).set({ slotId: other.id }).where(eq(reservations.id, reservation.id));
    expect(Object.keys(await broken())).toEqual(["ghost_records"]);
    await db()
      .update(reservations)
      .set({ slotId: reservation.slotId, amountRial: FEE - 1 })
      .where(eq(reservations.id, reservation.id));
    expect(Object.keys(await broken())).toEqual(["ghost_records"]);
  });

  it("attempt_records: a paid attempt without its record, a settled attempt that was not paid, a top-up credit of another amount", async () => {
    const patient = await makePatient(db());
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const lost = await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id } });
    const failed = await attempt({
      userId: patient.id,
      target: { kind: "reservation", slotId: slot.id },
      status: "failed",
      settledAt: new Date(),
    });
    const topup = await attempt({ userId: patient.id, target: { kind: "topup", amountRial: 500_000 }, amountRial: 500_000 });
    const credit = await ledgerEntry(patient.id, 5_000_000, "topup", topup.id);

    expect(await broken()).toEqual({
      attempt_records: [
        `attempt ${lost.id} (reservation paid/fulfilled) has 0 records, expected 1`,
        `unpaid attempt ${failed.id} has outcome/settledAt`,
        `top-up credit ${credit.id} (${topup.id}) differs from its attempt`,
      ],
    });
  });

  it("wallet_payments: a wallet purchase never debited, a gateway purchase debited as well, a debit with no purchase", async () => {
    const patient = await makePatient(db());
    const doctor = await makeDoctor(db());
    await fundWallet(db(), patient.id, 10 * FEE);
    const undebited = await attempt({
      userId: patient.id,
      target: { kind: "chat", doctorId: doctor.id, question: "سلام" },
      gateway: "wallet",
    });
    await chatRequest(patient.id, doctor.id, undebited.id);
    const { attempt: atGateway, patient: payer } = await paidReservation();
    await fundWallet(db(), payer.id, FEE);
    await ledgerEntry(payer.id, -FEE, "reservation_payment", atGateway.id);
    const stray = await ledgerEntry(patient.id, -FEE, "chat_payment", randomUUID());

    const found = await broken();
    expect(found.wallet_payments?.sort()).toEqual(
      [
        `wallet attempt ${undebited.id} has 0 debits`,
        `wallet attempt ${atGateway.id} has 1 debits`,
        `wallet debit ${stray.id} (${stray.reference}) has no wallet attempt`,
        `wallet debit ${(await debitOf(atGateway.id)).id} (${atGateway.id}) has no wallet attempt`,
      ].sort(),
    );
    // The undebited chat request is also a ghost: nothing paid for it.
    expect(found.ghost_records).toHaveLength(1);
  });

  it("wallet_balances: a wallet written behind the ledger's back", async () => {
    const patient = await makePatient(db());
    await fundWallet(db(), patient.id, 50_000);
    expect(await findViolations(db())).toEqual([]);

    // The triggers forbid this; switching them off for one transaction is the only way to fake corruption.
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(wallets).set({ balanceRial: 70_000 }).where(eq(wallets.userId, patient.id));
    });
    expect(await broken()).toEqual({ wallet_balances: [`wallet ${patient.id}: balance 70000 ≠ ledger sum 50000`] });

    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.delete(wallets).where(eq(wallets.userId, patient.id));
    });
    expect(await broken()).toEqual({ wallet_balances: [`ledger entries for ${patient.id} but no wallet`] });
  });

  it("refunds: money paid back twice for one payment — an auto refund on top of a cancellation refund", async () => {
    const { patient, reservation, attempt: paid } = await paidReservation();
    await db().update(reservations).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(reservations.id, reservation.id));
    await ledgerEntry(patient.id, FEE, "cancellation_refund", reservation.id);
    const second = await ledgerEntry(patient.id, FEE, "auto_refund", paid.id);

    expect(await broken()).toEqual({
      refunds: [
        `auto_refund ${second.id} for an attempt that is not auto_refunded`,
        `attempt ${paid.id} paid ${FEE} and got ${2 * FEE} back in 2 refunds`,
      ],
    });
  });

  it("refunds: a cancellation refund for a visit that still stands, an expiry refund for a chat still waiting", async () => {
    const { patient, doctor, reservation } = await paidReservation();
    const standing = await ledgerEntry(patient.id, FEE, "cancellation_refund", reservation.id);
    const chat = await walletChat(patient.id, doctor.id, "waiting");
    const early = await ledgerEntry(patient.id, FEE, "chat_expiry_refund", chat.id);

    expect((await broken()).refunds?.sort()).toEqual(
      [
        `cancellation_refund ${standing.id} for ${reservation.id}, which was not a cancelled reservation`,
        `chat_expiry_refund ${early.id} for ${chat.id}, which was not an expired chat request`,
      ].sort(),
    );
  });

  it("refunds: an auto-refunded attempt never credited, and one credited twice once the ledger's unique key is gone", async () => {
    const patient = await makePatient(db());
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const never = await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id }, outcome: "auto_refunded" });
    expect(await broken()).toEqual({ refunds: [`attempt ${never.id} is auto_refunded but was never credited`] });
    await ledgerEntry(patient.id, FEE, "auto_refund", never.id);
    expect(await findViolations(db())).toEqual([]);

    // wallet_ledger's unique (reason, reference) refuses a second refund today; the check must not depend on
    // it. Dropped inside a transaction that is rolled back, so the database keeps it.
    let seen: Awaited<ReturnType<typeof broken>> = {};
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`alter table wallet_ledger drop constraint wallet_ledger_reason_reference_unique`);
        await tx.insert(walletLedger).values({ userId: patient.id, amountRial: FEE, reason: "auto_refund", reference: never.id });
        seen = await broken(tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(seen).toEqual({
      // The ledger trigger, too, applies a (reason, reference) only once: the wallet no longer adds up either.
      wallet_balances: [`wallet ${patient.id}: balance ${FEE} ≠ ledger sum ${2 * FEE}`],
      refunds: [`attempt ${never.id} refunded 2 times`, `attempt ${never.id} paid ${FEE} and got ${2 * FEE} back in 2 refunds`],
    });
    expect(await findViolations(db())).toEqual([]);
  });

  it("verified_reviews: a review of a visit that was never attended", async () => {
    const { patient, doctor, reservation } = await paidReservation();
    // The database refuses such a review (trigger and composite key); only a superuser bypassing them can
    // write one, inside a transaction that is rolled back.
    let seen: Awaited<ReturnType<typeof broken>> = {};
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        const [review] = await tx
          .insert(reviews)
          .values({
            reservationId: reservation.id,
            patientId: patient.id,
            doctorId: doctor.id,
            overall: 5,
            treatment: 5,
            manner: 5,
            explanation: 5,
            recommends: true,
            comment: "",
          })
          .returning();
        seen = await broken(tx);
        expect(seen).toEqual({ verified_reviews: [`review ${review!.id} has no attended visit of its patient with its doctor behind it`] });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(Object.keys(seen)).toEqual(["verified_reviews"]);
    expect(await findViolations(db())).toEqual([]);
  });

  it("reservation_moves: find nothing in moves as the services write them — same fee, cheaper, dearer, then cancelled", async () => {
    const { patient, doctor, reservation } = await paidReservation();
    const [second, third, fourth] = [await makeSlot(db(), doctor.id), await makeSlot(db(), doctor.id), await makeSlot(db(), doctor.id)];
    await move(reservation.id, patient.id, { seq: 1, from: [reservation.slotId, FEE], to: [second.id, FEE] });
    const cheaper = await move(reservation.id, patient.id, { seq: 2, from: [second.id, FEE], to: [third.id, FEE - 500_000] });
    await ledgerEntry(patient.id, 500_000, "reschedule_refund", cheaper.id);
    const difference = await attempt({
      userId: patient.id,
      target: { kind: "reschedule", reservationId: reservation.id, fromSlotId: third.id, slotId: fourth.id },
      amountRial: 800_000,
    });
    await move(reservation.id, patient.id, {
      seq: 3,
      from: [third.id, FEE - 500_000],
      to: [fourth.id, FEE + 300_000],
      attemptId: difference.id,
    });
    // Cancelled: everything it holds comes back, more than its first payment but no more than was paid in all.
    await db().update(reservations).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(reservations.id, reservation.id));
    await ledgerEntry(patient.id, FEE + 300_000, "cancellation_refund", reservation.id);
    expect(await findViolations(db())).toEqual([]);
  });

  it("reservation_moves: a reservation off its last move, a cheaper move never refunded, a dearer one never paid, a refund of no move", async () => {
    const { patient, doctor, reservation } = await paidReservation();
    const [second, third] = [await makeSlot(db(), doctor.id), await makeSlot(db(), doctor.id)];
    // Moved on paper but not in fact.
    await db().insert(reservationMoves).values({
      reservationId: reservation.id,
      seq: 1,
      fromSlotId: reservation.slotId,
      toSlotId: second.id,
      fromAmountRial: FEE,
      toAmountRial: FEE,
      movedBy: patient.id,
    });
    expect(Object.keys(await broken())).toEqual(["reservation_moves"]);
    await db().delete(reservationMoves);

    const cheaper = await move(reservation.id, patient.id, { seq: 1, from: [reservation.slotId, FEE], to: [second.id, FEE - 1_000] });
    expect(await broken()).toEqual({ reservation_moves: [`move ${cheaper.id} (${FEE} → ${FEE - 1_000} Rial) gave back 0`] });
    await ledgerEntry(patient.id, 1_000, "reschedule_refund", cheaper.id);
    expect(await broken()).toEqual({});

    const unpaid = await attempt({
      userId: patient.id,
      target: { kind: "reschedule", reservationId: reservation.id, fromSlotId: second.id, slotId: third.id },
      amountRial: 2_000,
      status: "pending",
    });
    const dearer = await move(reservation.id, patient.id, {
      seq: 2,
      from: [second.id, FEE - 1_000],
      to: [third.id, FEE + 1_000],
      attemptId: unpaid.id,
    });
    expect((await broken()).reservation_moves).toEqual([
      `move ${dearer.id} (${FEE - 1_000} → ${FEE + 1_000} Rial) is not paid by a verified reschedule payment of the difference`,
    ]);
    await db().delete(reservationMoves).where(eq(reservationMoves.id, dearer.id));
    await db()
      .update(reservations)
      .set({ slotId: second.id, amountRial: FEE - 1_000 })
      .where(eq(reservations.id, reservation.id));
    await db().delete(paymentAttempts).where(eq(paymentAttempts.id, unpaid.id));

    const stray = await ledgerEntry(patient.id, 1_000, "reschedule_refund", randomUUID());
    expect(await broken()).toEqual({ reservation_moves: [`reschedule refund ${stray.id} (${stray.reference}) belongs to no move`] });
  });

  it("withdrawals: a withdrawal never held, a rejected one never given back, a hold with no withdrawal", async () => {
    const patient = await makePatient(db(), { balanceRial: 3 * FEE });
    const row = (status: "requested" | "rejected") =>
      db()
        .insert(withdrawals)
        .values({
          userId: patient.id,
          amountRial: FEE,
          sheba: "IR062960000000100324200001",
          holderName: "بیمار آزمایشی",
          status,
          rejectReason: status === "rejected" ? "حساب به نام دیگری است" : null,
          decidedBy: status === "rejected" ? patient.id : null,
          decidedAt: status === "rejected" ? new Date() : null,
        })
        .returning()
        .then((rows) => rows[0]!);
    const sound = await row("requested");
    await ledgerEntry(patient.id, -FEE, "withdrawal_hold", sound.id);
    expect(await broken()).toEqual({});

    const unheld = await row("requested");
    const unreturned = await row("rejected");
    await ledgerEntry(patient.id, -FEE, "withdrawal_hold", unreturned.id);
    const stray = await ledgerEntry(patient.id, -FEE, "withdrawal_hold", randomUUID());
    expect(await broken()).toEqual({
      withdrawals: expect.arrayContaining([
        `withdrawal ${unheld.id} (requested) has 0 withdrawal_hold and 0 withdrawal_return entries of its amount, expected 1 and 0`,
        `withdrawal ${unreturned.id} (rejected) has 1 withdrawal_hold and 0 withdrawal_return entries of its amount, expected 1 and 1`,
        `withdrawal_hold ${stray.id} (${stray.reference}) has no withdrawal of that patient and amount`,
      ]),
    });
    expect((await broken()).withdrawals).toHaveLength(3);
  });

  it("card_reversals: a reversal never debited, a failed one never given back, one of a payment that was not auto-refunded", async () => {
    const patient = await makePatient(db(), { balanceRial: 2 * FEE });
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const refunded = await attempt({ userId: patient.id, target: { kind: "reservation", slotId: slot.id }, outcome: "auto_refunded" });
    await ledgerEntry(patient.id, FEE, "auto_refund", refunded.id);
    const reversal = (status: "reversed" | "failed", attemptId = refunded.id) =>
      db()
        .insert(cardReversals)
        .values({ attemptId, userId: patient.id, amountRial: FEE, status, settledAt: new Date() })
        .returning()
        .then((rows) => rows[0]!);
    const failedSound = await reversal("failed");
    await ledgerEntry(patient.id, -FEE, "card_reversal", failedSound.id);
    await ledgerEntry(patient.id, FEE, "card_reversal_undo", failedSound.id);
    const reversed = await reversal("reversed");
    await ledgerEntry(patient.id, -FEE, "card_reversal", reversed.id);
    expect(await broken()).toEqual({});

    const neverUndone = await reversal("failed");
    await ledgerEntry(patient.id, -FEE, "card_reversal", neverUndone.id);
    const { attempt: fulfilled } = await paidReservation();
    const ofFulfilled = await reversal("failed", fulfilled.id);
    expect(await broken()).toEqual({
      card_reversals: expect.arrayContaining([
        `card reversal ${neverUndone.id} (failed) has 1 card_reversal and 0 card_reversal_undo entries of its amount, expected 1 and 1`,
        `card reversal ${ofFulfilled.id} (failed) has 0 card_reversal and 0 card_reversal_undo entries of its amount, expected 1 and 1`,
        `card reversal ${ofFulfilled.id} is not of an auto-refunded gateway payment of its payer and amount`,
      ]),
    });
    expect((await broken()).card_reversals).toHaveLength(3);
  });

  it("are the nine proved above (a new check needs its own test here)", () => {
    expect(INVARIANT_NAMES).toEqual([
      "ghost_records",
      "attempt_records",
      "wallet_payments",
      "wallet_balances",
      "refunds",
      "reservation_moves",
      "withdrawals",
      "card_reversals",
      "verified_reviews",
    ]);
  });
});

async function debitOf(attemptId: string) {
  const [row] = await db().select().from(walletLedger).where(eq(walletLedger.reference, attemptId));
  return row!;
}
