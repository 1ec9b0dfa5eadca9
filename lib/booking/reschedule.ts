import { and, desc, eq, max, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, reservationMoves, reservations, timeSlots } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { creditWallet } from "@/lib/ledger/ledger";
import { notifyReservationRescheduled } from "@/lib/notifications/events";
import type { RescheduleRefusal } from "@/lib/payments/product";
import { isUniqueViolation } from "@/lib/shared/pg-errors";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionResult } from "@/lib/shared/transaction-result";
import { patientRefund, type CancelPolicy } from "./cancellation";
import { log } from "@/lib/shared/log";

/** Moving a confirmed reservation to another free slot of the same doctor (issue 13 §2).
 *
 * The reservation keeps its id and the payment attempt that paid for it; its slot and amount change in one
 * UPDATE, so the old slot is freed and the new one taken in the same statement, and the partial unique index
 * `reservations_one_live_per_slot` decides a race with anyone else taking that slot. Each move is a row of
 * `reservation_moves` (who moved it, from and to, what it cost): the reservation's history, and the link that
 * lets the invariants prove a moved reservation was paid for; and a `reservation.reschedule` row of the clinic's
 * audit trail, written in the same transaction. The same fee moves at once; a lower one moves and
 * refunds the difference to the wallet; a higher one is a `reschedule` purchase through the payment engine
 * (reschedule-product.ts), moved only when the difference is verified. */

export type RescheduleError = { code: RescheduleRefusal; differenceRial?: number };

export type RescheduleQuote = {
  reservationId: string;
  doctorId: string;
  fromSlotId: string;
  fromStartsAt: Date;
  toSlotId: string;
  toStartsAt: Date;
  fromAmountRial: number;
  toAmountRial: number;
  /** What the patient pays (> 0) or gets back (< 0). */
  differenceRial: number;
};

export type Moved = {
  moveId: string;
  reservationId: string;
  toStartsAt: Date;
  /** Paid for the move (a `reschedule` attempt) or given back to the wallet; 0 for the same fee. */
  paidRial: number;
  refundRial: number;
};

type MoveRequest = {
  /** Absent when the product prices a target (it has no user); the purchase is checked against its payer. */
  patientId?: string;
  reservationId: string;
  /** The slot the reservation was on when the patient chose; absent on the reschedule page's quote. */
  fromSlotId?: string;
  slotId: string;
};

type Checked = {
  reservation: typeof reservations.$inferSelect;
  fromStartsAt: Date;
  toSlot: typeof timeSlots.$inferSelect;
  feeRial: number;
  /** The doctor's clinic: whose audit trail the move goes on. */
  clinicId: string;
};

type CheckOptions = CancelPolicy & {
  now: Date;
  /** When the patient committed to the move: now, or when a payment of the difference was started. */
  windowAt: Date;
  /** Inside the move's transaction: lock the reservation, then the target slot, and leave "taken" to the index. */
  lock: boolean;
};

/** Every rule of a move, read in one place for the page, the price, the payment's fulfilment and the move.
 * `already_moved` (the reservation is on the requested slot, reached from `fromSlotId`) is a double submit. */
async function checkMove(
  db: Db,
  request: MoveRequest,
  options: CheckOptions,
): Promise<Result<Checked, RescheduleError | { code: "already_moved" }>> {
  // The row lock makes a second, concurrent move of the same reservation wait and then see the first. The
  // reservation is locked alone: joined to its slot, the waiting statement would re-check the join against the
  // moved row and find nothing at all.
  const reservationQuery = db.select().from(reservations).where(eq(reservations.id, request.reservationId));
  const [found] = options.lock ? await reservationQuery.for("update") : await reservationQuery;
  // Another patient's reservation reads as missing.
  if (!found || (request.patientId !== undefined && found.patientId !== request.patientId)) return err({ code: "reservation_not_found" });
  const [from] = await db.select({ startsAt: timeSlots.startsAt }).from(timeSlots).where(eq(timeSlots.id, found.slotId));
  const row = { reservation: found, fromStartsAt: from!.startsAt };
  const { reservation } = row;
  if (reservation.status !== "confirmed") return err({ code: "not_movable" });
  if (request.fromSlotId !== undefined && reservation.slotId !== request.fromSlotId) {
    return err({ code: reservation.slotId === request.slotId ? "already_moved" : "moved_meanwhile" });
  }
  if (reservation.slotId === request.slotId) return err({ code: "same_slot" });
  // The patient's full-refund window: a move is a cancellation and a booking that keep the money in between.
  if (patientRefund(row.fromStartsAt, reservation.amountRial, options.windowAt, options).rule !== "full_refund")
    return err({ code: "window_closed" });

  const slotQuery = db
    .select({ slot: timeSlots, feeRial: doctors.visitFeeRial, clinicId: doctors.clinicId })
    .from(timeSlots)
    .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
    .where(eq(timeSlots.id, request.slotId));
  // Locked like every payer of the slot locks it (reservation-product.ts), and like staff closing it.
  const [target] = options.lock ? await slotQuery.for("update", { of: timeSlots }) : await slotQuery;
  if (!target) return err({ code: "slot_not_found" });
  if (target.slot.doctorId !== reservation.doctorId) return err({ code: "other_doctor" });
  if (target.slot.status !== "open") return err({ code: "slot_closed" });
  if (target.slot.startsAt <= options.now) return err({ code: "slot_past" });
  // Outside the move's transaction a live reservation says "taken" early; inside it, the index says it.
  if (!options.lock) {
    const [live] = await db
      .select({ id: reservations.id })
      .from(reservations)
      .where(and(eq(reservations.slotId, request.slotId), ne(reservations.status, "cancelled")))
      .limit(1);
    if (live) return err({ code: "slot_taken" });
  }
  return ok({ reservation, fromStartsAt: row.fromStartsAt, toSlot: target.slot, feeRial: target.feeRial, clinicId: target.clinicId });
}

function quoteOf(checked: Checked): RescheduleQuote {
  return {
    reservationId: checked.reservation.id,
    doctorId: checked.reservation.doctorId,
    fromSlotId: checked.reservation.slotId,
    fromStartsAt: checked.fromStartsAt,
    toSlotId: checked.toSlot.id,
    toStartsAt: checked.toSlot.startsAt,
    fromAmountRial: checked.reservation.amountRial,
    toAmountRial: checked.feeRial,
    differenceRial: checked.feeRial - checked.reservation.amountRial,
  };
}

const alreadyMovedIsStale = (code: RescheduleError["code"] | "already_moved"): RescheduleRefusal =>
  code === "already_moved" ? "moved_meanwhile" : code;

/** What the confirm step shows: the new time and what it costs or gives back. Read-only. */
export async function quoteReschedule(
  db: Db,
  input: { patientId: string; reservationId: string; slotId: string },
  options: CancelPolicy & { now?: Date },
): Promise<Result<RescheduleQuote, RescheduleError>> {
  const now = options.now ?? new Date();
  const checked = await checkMove(db, input, { ...options, now, windowAt: now, lock: false });
  if (!checked.ok) return err({ code: alreadyMovedIsStale(checked.error.code) });
  return ok(quoteOf(checked.value));
}

/** The price of a `reschedule` purchase: the difference, when the new time costs more. */
export async function rescheduleDifference(
  db: Db,
  target: { reservationId: string; fromSlotId: string; slotId: string },
  options: CancelPolicy & { now: Date },
): Promise<Result<RescheduleQuote, RescheduleError>> {
  const checked = await checkMove(db, target, { ...options, windowAt: options.now, lock: false });
  if (!checked.ok) return err({ code: alreadyMovedIsStale(checked.error.code) });
  const quote = quoteOf(checked.value);
  if (quote.differenceRial <= 0) return err({ code: "fee_changed" });
  return ok(quote);
}

/** Moves the reservation inside the caller's transaction, after checkMove locked it and its target slot.
 * "taken": the index found another live reservation on the slot; the savepoint undid the UPDATE alone. */
async function applyMove(
  tx: Db,
  checked: Checked,
  input: { toAmountRial: number; paymentAttemptId: string | null; movedBy: string },
): Promise<Moved | "taken"> {
  const { reservation, toSlot } = checked;
  try {
    await tx.transaction((savepoint) =>
      savepoint.update(reservations).set({ slotId: toSlot.id, amountRial: input.toAmountRial }).where(eq(reservations.id, reservation.id)),
    );
  } catch (error) {
    if (isUniqueViolation(error, "reservations_one_live_per_slot")) return "taken";
    throw error;
  }
  const [last] = await tx
    .select({ seq: max(reservationMoves.seq) })
    .from(reservationMoves)
    .where(eq(reservationMoves.reservationId, reservation.id));
  const [move] = await tx
    .insert(reservationMoves)
    .values({
      reservationId: reservation.id,
      seq: (last?.seq ?? 0) + 1,
      fromSlotId: reservation.slotId,
      toSlotId: toSlot.id,
      fromAmountRial: reservation.amountRial,
      toAmountRial: input.toAmountRial,
      paymentAttemptId: input.paymentAttemptId,
      movedBy: input.movedBy,
    })
    .returning({ id: reservationMoves.id });
  // On the clinic's audit trail too, in this transaction: the clinic sees its day change by the patient's hand
  // (a move frees one of its times and takes another), as it sees its staff's changes.
  await recordAudit(tx, {
    actorId: input.movedBy,
    clinicId: checked.clinicId,
    action: "reservation.reschedule",
    subjectType: "reservation",
    subjectId: reservation.id,
    before: { slotId: reservation.slotId, startsAt: checked.fromStartsAt.toISOString(), amountRial: reservation.amountRial },
    after: {
      slotId: toSlot.id,
      startsAt: toSlot.startsAt.toISOString(),
      amountRial: input.toAmountRial,
      differenceRial: input.toAmountRial - reservation.amountRial,
    },
  });
  const refundRial = Math.max(0, reservation.amountRial - input.toAmountRial);
  if (refundRial > 0) {
    await creditWallet(tx, { userId: reservation.patientId, amountRial: refundRial, reason: "reschedule_refund", reference: move!.id });
  }
  await notifyReservationRescheduled(tx, {
    moveId: move!.id,
    reservationId: reservation.id,
    fromStartsAt: checked.fromStartsAt,
    refundRial,
  });
  log.info(
    `[booking] reservation ${reservation.id} moved ${reservation.slotId} → ${toSlot.id} by ${input.movedBy}; ` +
      `${reservation.amountRial} → ${input.toAmountRial} Rial (move ${move!.id})`,
  );
  return {
    moveId: move!.id,
    reservationId: reservation.id,
    toStartsAt: toSlot.startsAt,
    paidRial: Math.max(0, input.toAmountRial - reservation.amountRial),
    refundRial,
  };
}

/** The move the patient made on the reschedule page, inside the window, when it costs nothing more: the same
 * fee, or a lower one with the difference back to the wallet. A dearer time answers `payment_required` (the
 * page pays it through the checkout instead). A second submit of the same move answers with the first. */
export async function moveOwnReservation(
  db: Db,
  actor: Actor | null,
  input: { reservationId: string; fromSlotId: string; slotId: string; expectedDifferenceRial?: number },
  options: CancelPolicy & { now?: Date },
): Promise<Result<Moved, RescheduleError>> {
  // Whoever booked moves here by the patient's rule, whatever their role (a doctor books as a patient too).
  assertRole(actor, ["patient", "doctor", "staff", "admin"]);
  const now = options.now ?? new Date();
  return transactionResult(db, async (tx): Promise<Result<Moved, RescheduleError>> => {
    const checked = await checkMove(tx, { ...input, patientId: actor.userId }, { ...options, now, windowAt: now, lock: true });
    if (!checked.ok) {
      if (checked.error.code === "already_moved") return ok(await lastMove(tx, input.reservationId));
      return err({ code: checked.error.code });
    }
    const quote = quoteOf(checked.value);
    if (input.expectedDifferenceRial !== undefined && input.expectedDifferenceRial !== quote.differenceRial) {
      return err({ code: "fee_changed", differenceRial: quote.differenceRial });
    }
    if (quote.differenceRial > 0) return err({ code: "payment_required", differenceRial: quote.differenceRial });
    const moved = await applyMove(tx, checked.value, { toAmountRial: quote.toAmountRial, paymentAttemptId: null, movedBy: actor.userId });
    return moved === "taken" ? err({ code: "slot_taken" }) : ok(moved);
  });
}

/** Fulfils a paid `reschedule` purchase inside the engine's transaction (the attempt row is locked): the
 * reservation moves and its amount grows by exactly what was paid. The window is judged at the moment the
 * payment started, so a patient who began paying in time is not refused for the gateway's minutes. */
export async function moveForPaidDifference(
  tx: Db,
  attempt: {
    id: string;
    userId: string;
    amountRial: number;
    createdAt: Date;
    target: { reservationId: string; fromSlotId: string; slotId: string };
  },
  options: CancelPolicy & { now: Date },
): Promise<Result<Moved, RescheduleError | { code: "already_moved" }>> {
  const checked = await checkMove(
    tx,
    { ...attempt.target, patientId: attempt.userId },
    { ...options, windowAt: attempt.createdAt, lock: true },
  );
  if (!checked.ok) return checked;
  const toAmountRial = checked.value.reservation.amountRial + attempt.amountRial;
  const moved = await applyMove(tx, checked.value, { toAmountRial, paymentAttemptId: attempt.id, movedBy: attempt.userId });
  return moved === "taken" ? err({ code: "slot_taken" }) : ok(moved);
}

async function lastMove(tx: Db, reservationId: string): Promise<Moved> {
  const [row] = await tx
    .select({ move: reservationMoves, toStartsAt: timeSlots.startsAt })
    .from(reservationMoves)
    .innerJoin(timeSlots, eq(timeSlots.id, reservationMoves.toSlotId))
    .where(eq(reservationMoves.reservationId, reservationId))
    .orderBy(desc(reservationMoves.seq))
    .limit(1);
  if (!row) throw new Error(`reservation ${reservationId} is on its requested slot but has no move`);
  const { move } = row;
  return {
    moveId: move.id,
    reservationId,
    toStartsAt: row.toStartsAt,
    paidRial: Math.max(0, move.toAmountRial - move.fromAmountRial),
    refundRial: Math.max(0, move.fromAmountRial - move.toAmountRial),
  };
}

export type Reschedulable = {
  reservationId: string;
  doctorId: string;
  doctorName: string;
  slotId: string;
  startsAt: Date;
  amountRial: number;
  /** Why it cannot be moved now; null when it can. */
  refusal: "not_movable" | "window_closed" | null;
};

/** The patient's own reservation as the reschedule page starts from it; null when it is not theirs. */
export async function reschedulable(
  db: Db,
  input: { patientId: string; reservationId: string },
  options: CancelPolicy & { now?: Date },
): Promise<Reschedulable | null> {
  const now = options.now ?? new Date();
  const [row] = await db
    .select({ reservation: reservations, startsAt: timeSlots.startsAt, doctorName: doctors.name })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .where(and(eq(reservations.id, input.reservationId), eq(reservations.patientId, input.patientId)));
  if (!row) return null;
  const { reservation } = row;
  const refusal =
    reservation.status !== "confirmed" || row.startsAt <= now
      ? "not_movable"
      : patientRefund(row.startsAt, reservation.amountRial, now, options).rule === "full_refund"
        ? null
        : "window_closed";
  return {
    reservationId: reservation.id,
    doctorId: reservation.doctorId,
    doctorName: row.doctorName,
    slotId: reservation.slotId,
    startsAt: row.startsAt,
    amountRial: reservation.amountRial,
    refusal,
  };
}

/** The latest move of the patient's reservation, for the notice after it; null when it never moved. */
export async function latestMove(db: Db, input: { patientId: string; reservationId: string }): Promise<Moved | null> {
  const [own] = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.id, input.reservationId), eq(reservations.patientId, input.patientId)));
  if (!own) return null;
  const [any] = await db
    .select({ id: reservationMoves.id })
    .from(reservationMoves)
    .where(eq(reservationMoves.reservationId, own.id))
    .limit(1);
  return any ? lastMove(db, own.id) : null;
}

/** Whether "change time" is offered for a visit: confirmed, ahead, and inside the full-refund window. */
export function canReschedule(visit: { status: string; startsAt: Date; amountRial: number }, now: Date, policy: CancelPolicy): boolean {
  return (
    visit.status === "confirmed" &&
    visit.startsAt > now &&
    patientRefund(visit.startsAt, visit.amountRial, now, policy).rule === "full_refund"
  );
}
