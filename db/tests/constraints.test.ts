import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sum } from "drizzle-orm";
import { findViolations } from "@/lib/invariants/invariant-checks";
import { violatedConstraint } from "@/lib/shared/pg-errors";
import type { Db } from "../client";
import { createTestDatabase } from "../testing/test-db";
import {
  chatMessages,
  chatRequests,
  clinicMemberships,
  clinics,
  doctors,
  notifications,
  paymentAttempts,
  reservations,
  smsOutbox,
  reviews,
  specialties,
  timeSlots,
  users,
  walletLedger,
  wallets,
  weeklySchedules,
  type PaymentTarget,
} from "../schema";

/* Every invariant the database promises, proven by trying to break it. The rows are inserted directly, the
 * way a buggy or racing service would, so that nothing but the database stands in the way. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
beforeAll(async () => {
  // The rows here are states the services never write (that is the point): the product's invariants, checked
  // after every other test, do not apply to them.
  database = await createTestDatabase({ checkInvariants: false });
  db = database.db;
});
afterAll(() => database.close());

// ---------------------------------------------------------------------------------------------- fixtures

let sequence = 0;
const next = () => ++sequence;
const freshPhone = () => `0912${String(next()).padStart(7, "0")}`;

async function insertUser(role: "patient" | "doctor" | "staff" | "admin" = "patient") {
  const [user] = await db.insert(users).values({ phone: freshPhone(), role }).returning();
  return user!;
}

async function insertDoctor(overrides: Partial<typeof doctors.$inferInsert> = {}) {
  const n = next();
  const [clinic] = await db
    .insert(clinics)
    .values({ name: `درمانگاه ${n}`, city: "تهران", address: `خیابان ${n}` })
    .returning();
  const [specialty] = await db
    .insert(specialties)
    .values({ name: `تخصص ${n}` })
    .returning();
  const [doctor] = await db
    .insert(doctors)
    .values({
      clinicId: clinic!.id,
      specialtyId: specialty!.id,
      name: `دکتر ${n}`,
      title: "متخصص",
      visitFeeRial: 1_500_000,
      chatFeeRial: 500_000,
      takesChat: true,
      ...overrides,
    })
    .returning();
  return doctor!;
}

const BASE_TIME = Date.UTC(2030, 0, 1, 5, 0, 0);
async function insertSlot(doctorId: string) {
  const startsAt = new Date(BASE_TIME + next() * 3_600_000);
  const [slot] = await db
    .insert(timeSlots)
    .values({ doctorId, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000) })
    .returning();
  return slot!;
}

function attemptValues(userId: string, target: PaymentTarget, amountRial = 1_500_000): typeof paymentAttempts.$inferInsert {
  return {
    userId,
    purpose: target.kind,
    target,
    amountRial,
    gateway: "sandbox",
    authority: `A${String(next()).padStart(35, "0")}`,
    status: "paid",
    outcome: "fulfilled",
    intentId: `intent-${next()}`,
    settledAt: new Date(),
  };
}

async function insertPaidAttempt(userId: string, target: PaymentTarget, amountRial?: number) {
  const [attempt] = await db
    .insert(paymentAttempts)
    .values(attemptValues(userId, target, amountRial))
    .returning();
  return attempt!;
}

/** A paid reservation on `slot`, with its own paid attempt unless one is given. */
async function insertReservation(
  slot: { id: string; doctorId: string },
  patientId: string,
  options: { attemptId?: string; status?: "confirmed" | "attended" | "no_show" | "cancelled" } = {},
) {
  const attemptId = options.attemptId ?? (await insertPaidAttempt(patientId, { kind: "reservation", slotId: slot.id })).id;
  const [reservation] = await db
    .insert(reservations)
    .values({
      slotId: slot.id,
      doctorId: slot.doctorId,
      patientId,
      paymentAttemptId: attemptId,
      amountRial: 1_500_000,
      status: options.status ?? "confirmed",
    })
    .returning();
  return reservation!;
}

function chatRequestValues(
  patientId: string,
  doctorId: string,
  paymentAttemptId: string,
  question = "سلام، سردرد دارم.",
): typeof chatRequests.$inferInsert {
  return {
    patientId,
    doctorId,
    paymentAttemptId,
    question,
    amountRial: 500_000,
    answerDeadline: new Date(Date.now() + 24 * 3_600_000),
  };
}

async function ledger(userId: string, amountRial: number, reason: typeof walletLedger.$inferInsert.reason, reference?: string) {
  const [entry] = await db
    .insert(walletLedger)
    .values({ userId, amountRial, reason, reference: reference ?? `ref-${next()}` })
    .returning();
  return entry!;
}

async function balanceOf(userId: string): Promise<number | undefined> {
  const [wallet] = await db.select({ balance: wallets.balanceRial }).from(wallets).where(eq(wallets.userId, userId));
  return wallet?.balance;
}

async function ledgerSum(userId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(walletLedger.amountRial) })
    .from(walletLedger)
    .where(eq(walletLedger.userId, userId));
  return Number(row?.total ?? 0);
}

async function ledgerCount(userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(walletLedger).where(eq(walletLedger.userId, userId));
  return row!.n;
}

// ---------------------------------------------------------------------------------------------- errors

/** Runs `operation` and returns what it threw; fails the test when it did not throw. */
async function rejectionOf(operation: () => PromiseLike<unknown>): Promise<unknown> {
  let succeeded = false;
  try {
    await operation();
    succeeded = true;
  } catch (error) {
    return error;
  }
  expect(succeeded, "the database accepted a write that breaks an invariant").toBe(false);
  return undefined;
}

async function expectViolation(operation: () => PromiseLike<unknown>, constraint: string) {
  const error = await rejectionOf(operation);
  expect(violatedConstraint(error), String((error as Error | undefined)?.message)).toBe(constraint);
}

/** SQLSTATE and message of a driver error, looked up through drizzle's `cause` wrapping. */
function pgFailure(error: unknown): { code?: string; message?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const shape = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof shape.code === "string" && /^[0-9A-Z]{5}$/.test(shape.code)) {
      return { code: shape.code, message: typeof shape.message === "string" ? shape.message : undefined };
    }
    current = shape.cause;
  }
  return {};
}

async function expectRestricted(operation: () => PromiseLike<unknown>, message: string) {
  const failure = pgFailure(await rejectionOf(operation));
  expect(failure.code).toBe("23001"); // restrict_violation, raised by the migration-0001 triggers
  expect(failure.message).toContain(message);
}

// ---------------------------------------------------------------------------------------------- tests

describe("violatedConstraint", () => {
  it(`names the constraint from a drizzle-wrapped driver error (${process.env.DATABASE_URL ? "postgres.js" : "PGlite"})`, async () => {
    const error = await rejectionOf(() => db.insert(users).values({ phone: "12345" }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).cause).toBeDefined();
    expect(violatedConstraint(error)).toBe("users_phone_format");
    // Inside a transaction the error arrives the same way.
    const inTx = await rejectionOf(() => db.transaction((tx) => tx.insert(users).values({ phone: "12345" })));
    expect(violatedConstraint(inTx)).toBe("users_phone_format");
    expect(violatedConstraint(new Error("not from the database"))).toBeUndefined();
  });
});

describe("users: a deleted account's tombstone", () => {
  it("allows the phone `deleted:<id>` only on a deleted row without a name, and a live row only a real number", async () => {
    const user = await insertUser();
    const tombstone = `deleted:${user.id}`;
    await expectViolation(() => db.update(users).set({ phone: tombstone }).where(eq(users.id, user.id)), "users_phone_format");
    await expectViolation(
      () => db.update(users).set({ phone: tombstone, deletedAt: new Date(), name: "نام" }).where(eq(users.id, user.id)),
      "users_phone_format",
    );
    await expectViolation(
      () => db.update(users).set({ phone: "deleted:someone-else", deletedAt: new Date(), name: null }).where(eq(users.id, user.id)),
      "users_phone_format",
    );
    await expectViolation(
      () => db.update(users).set({ deletedAt: new Date(), name: null }).where(eq(users.id, user.id)),
      "users_phone_format",
    );
    await db.update(users).set({ phone: tombstone, deletedAt: new Date(), name: null }).where(eq(users.id, user.id));
    // The number is free again.
    await db.insert(users).values({ phone: user.phone });
  });
});

describe("reservations: at most one live reservation per slot", () => {
  it("refuses a second confirmed reservation for a taken slot", async () => {
    const doctor = await insertDoctor();
    const slot = await insertSlot(doctor.id);
    const [first, second] = [await insertUser(), await insertUser()];
    await insertReservation(slot, first.id);
    await expectViolation(() => insertReservation(slot, second.id), "reservations_one_live_per_slot");
    const [live] = await db.select({ n: count() }).from(reservations).where(eq(reservations.slotId, slot.id));
    expect(live!.n).toBe(1);
  });

  it("treats attended and no-show reservations as live too", async () => {
    const doctor = await insertDoctor();
    for (const status of ["attended", "no_show"] as const) {
      const slot = await insertSlot(doctor.id);
      await insertReservation(slot, (await insertUser()).id, { status });
      const latecomer = await insertUser();
      await expectViolation(() => insertReservation(slot, latecomer.id), "reservations_one_live_per_slot");
    }
  });

  it("frees the slot again when the reservation is cancelled, and keeps a cancelled one from coming back", async () => {
    const doctor = await insertDoctor();
    const slot = await insertSlot(doctor.id);
    const patient = await insertUser();
    const original = await insertReservation(slot, patient.id);
    await db
      .update(reservations)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelledBy: patient.id })
      .where(eq(reservations.id, original.id));

    const replacement = await insertReservation(slot, (await insertUser()).id);
    expect(replacement.status).toBe("confirmed");
    // Any number of cancelled ones may sit beside it.
    await insertReservation(slot, patient.id, { status: "cancelled" });

    // Reviving the cancelled reservation would make two live ones.
    await expectViolation(
      () => db.update(reservations).set({ status: "confirmed" }).where(eq(reservations.id, original.id)),
      "reservations_one_live_per_slot",
    );
    const rows = await db.select({ status: reservations.status }).from(reservations).where(eq(reservations.slotId, slot.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["cancelled", "cancelled", "confirmed"]);
  });

  it("lets exactly one of several racing bookings of one slot win", async () => {
    const doctor = await insertDoctor();
    const slot = await insertSlot(doctor.id);
    const patients = await Promise.all(Array.from({ length: 5 }, () => insertUser()));
    const attempts = await Promise.all(patients.map((p) => insertPaidAttempt(p.id, { kind: "reservation", slotId: slot.id })));
    const results = await Promise.allSettled(patients.map((p, i) => insertReservation(slot, p.id, { attemptId: attempts[i]!.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(violatedConstraint(r.reason)).toBe("reservations_one_live_per_slot");
    }
  });

  it("lets one doctor have only one slot starting at a given time, and a slot must end after it starts", async () => {
    const doctor = await insertDoctor();
    const slot = await insertSlot(doctor.id);
    await expectViolation(
      () => db.insert(timeSlots).values({ doctorId: doctor.id, startsAt: slot.startsAt, endsAt: slot.endsAt }),
      "time_slots_doctor_start_unique",
    );
    const at = new Date(BASE_TIME - 3_600_000);
    await expectViolation(
      () => db.insert(timeSlots).values({ doctorId: doctor.id, startsAt: at, endsAt: at }),
      "time_slots_interval_order",
    );
  });
});

describe("payment attempts pay for one thing only", () => {
  it("refuses a second reservation paid by the same attempt", async () => {
    const doctor = await insertDoctor();
    const patient = await insertUser();
    const [slotA, slotB] = [await insertSlot(doctor.id), await insertSlot(doctor.id)];
    const attempt = await insertPaidAttempt(patient.id, { kind: "reservation", slotId: slotA.id });
    await insertReservation(slotA, patient.id, { attemptId: attempt.id });
    await expectViolation(() => insertReservation(slotB, patient.id, { attemptId: attempt.id }), "reservations_payment_attempt_unique");
    // Not even once the first reservation is cancelled: the payment was spent on it.
    await db.update(reservations).set({ status: "cancelled" }).where(eq(reservations.paymentAttemptId, attempt.id));
    await expectViolation(() => insertReservation(slotB, patient.id, { attemptId: attempt.id }), "reservations_payment_attempt_unique");
  });

  it("refuses a second chat request paid by the same attempt", async () => {
    const doctor = await insertDoctor();
    const patient = await insertUser();
    const attempt = await insertPaidAttempt(patient.id, { kind: "chat", doctorId: doctor.id, question: "سلام" }, 500_000);
    await db.insert(chatRequests).values(chatRequestValues(patient.id, doctor.id, attempt.id));
    await expectViolation(
      () => db.insert(chatRequests).values(chatRequestValues(patient.id, doctor.id, attempt.id, "سوال دوم")),
      "chat_requests_payment_attempt_unique",
    );
  });

  it("requires a reservation and a chat request to name an existing attempt", async () => {
    const doctor = await insertDoctor();
    const slot = await insertSlot(doctor.id);
    const patient = await insertUser();
    const missing = "00000000-0000-4000-8000-000000000000";
    await expectViolation(
      () => insertReservation(slot, patient.id, { attemptId: missing }),
      "reservations_payment_attempt_id_payment_attempts_id_fk",
    );
    await expectViolation(
      () => db.insert(chatRequests).values(chatRequestValues(patient.id, doctor.id, missing)),
      "chat_requests_payment_attempt_id_payment_attempts_id_fk",
    );
  });

  it("refuses a zero or negative amount", async () => {
    const patient = await insertUser();
    for (const amount of [0, -1, -1_500_000]) {
      await expectViolation(
        () => db.insert(paymentAttempts).values(attemptValues(patient.id, { kind: "topup", amountRial: 1_000_000 }, amount)),
        "payment_attempts_amount_positive",
      );
    }
    const accepted = await insertPaidAttempt(patient.id, { kind: "topup", amountRial: 1 }, 1);
    expect(accepted.amountRial).toBe(1);
  });

  it("refuses a purpose that does not match the target's kind", async () => {
    const doctor = await insertDoctor();
    const slot = await insertSlot(doctor.id);
    const patient = await insertUser();
    const mismatches: Array<[typeof paymentAttempts.$inferInsert.purpose, PaymentTarget]> = [
      ["chat", { kind: "reservation", slotId: slot.id }],
      ["reservation", { kind: "chat", doctorId: doctor.id, question: "سلام" }],
      ["topup", { kind: "reservation", slotId: slot.id }],
      ["reservation", { kind: "topup", amountRial: 1_500_000, resume: { kind: "reservation", slotId: slot.id } }],
    ];
    for (const [purpose, target] of mismatches) {
      await expectViolation(
        () => db.insert(paymentAttempts).values({ ...attemptValues(patient.id, target), purpose }),
        "payment_attempts_purpose_matches_target",
      );
    }
    // A target without a kind matches nothing.
    await expectViolation(
      () =>
        db
          .insert(paymentAttempts)
          .values({ ...attemptValues(patient.id, { kind: "topup", amountRial: 1_500_000 }), target: {} as unknown as PaymentTarget }),
      "payment_attempts_purpose_matches_target",
    );
  });

  it("sets an outcome exactly when the attempt is paid", async () => {
    const patient = await insertUser();
    const topup: PaymentTarget = { kind: "topup", amountRial: 1_500_000 };
    await expectViolation(
      () => db.insert(paymentAttempts).values({ ...attemptValues(patient.id, topup), status: "paid", outcome: null }),
      "payment_attempts_outcome_only_when_paid",
    );
    for (const status of ["pending", "verifying", "failed", "abandoned"] as const) {
      await expectViolation(
        () => db.insert(paymentAttempts).values({ ...attemptValues(patient.id, topup), status, outcome: "fulfilled" }),
        "payment_attempts_outcome_only_when_paid",
      );
    }
    // The legal path: pending without an outcome, then paid and settled in one step.
    const [pending] = await db
      .insert(paymentAttempts)
      .values({ ...attemptValues(patient.id, topup), status: "pending", outcome: null })
      .returning();
    await expectViolation(
      () => db.update(paymentAttempts).set({ status: "paid" }).where(eq(paymentAttempts.id, pending!.id)),
      "payment_attempts_outcome_only_when_paid",
    );
    const [paid] = await db
      .update(paymentAttempts)
      .set({ status: "paid", outcome: "auto_refunded" })
      .where(and(eq(paymentAttempts.id, pending!.id), eq(paymentAttempts.status, "pending")))
      .returning();
    expect(paid).toMatchObject({ status: "paid", outcome: "auto_refunded" });
  });

  it("requires a gateway authority unless the wallet paid or the attempt failed, and keeps authorities unique", async () => {
    const patient = await insertUser();
    const topup: PaymentTarget = { kind: "topup", amountRial: 1_500_000 };
    await expectViolation(
      () => db.insert(paymentAttempts).values({ ...attemptValues(patient.id, topup), gateway: "zarinpal", authority: null }),
      "payment_attempts_gateway_has_authority",
    );
    await db.insert(paymentAttempts).values({ ...attemptValues(patient.id, topup), gateway: "wallet", authority: null });
    await db
      .insert(paymentAttempts)
      .values({ ...attemptValues(patient.id, topup), gateway: "sandbox", authority: null, status: "failed", outcome: null });
    const taken = await insertPaidAttempt(patient.id, topup);
    await expectViolation(
      () => db.insert(paymentAttempts).values({ ...attemptValues(patient.id, topup), authority: taken.authority }),
      "payment_attempts_authority_unique",
    );
  });
});

describe("wallet: balance never below zero", () => {
  it("refuses a debit larger than the balance and changes nothing", async () => {
    const patient = await insertUser();
    await ledger(patient.id, 1_000_000, "topup");
    const entriesBefore = await ledgerCount(patient.id);

    await expectViolation(() => ledger(patient.id, -1_000_001, "reservation_payment"), "wallets_balance_non_negative");

    expect(await balanceOf(patient.id)).toBe(1_000_000);
    expect(await ledgerCount(patient.id)).toBe(entriesBefore);
    // Spending exactly the balance is fine and leaves zero.
    const spent = await ledger(patient.id, -1_000_000, "reservation_payment");
    expect(spent.balanceAfterRial).toBe(0);
    expect(await balanceOf(patient.id)).toBe(0);
    await expectViolation(() => ledger(patient.id, -1, "chat_payment"), "wallets_balance_non_negative");
    expect(await balanceOf(patient.id)).toBe(0);
  });

  it("refuses a debit from a wallet that does not exist yet, without creating one", async () => {
    const patient = await insertUser();
    await expectViolation(() => ledger(patient.id, -10_000, "chat_payment"), "wallets_balance_non_negative");
    expect(await balanceOf(patient.id)).toBeUndefined();
    expect(await ledgerCount(patient.id)).toBe(0);
  });

  it("rolls back a whole transaction whose debit overdraws, including its earlier credit", async () => {
    const patient = await insertUser();
    await ledger(patient.id, 300_000, "topup");
    const error = await rejectionOf(() =>
      db.transaction(async (tx) => {
        await tx.insert(walletLedger).values({ userId: patient.id, amountRial: 200_000, reason: "auto_refund", reference: `r-${next()}` });
        await tx
          .insert(walletLedger)
          .values({ userId: patient.id, amountRial: -600_000, reason: "reservation_payment", reference: `r-${next()}` });
      }),
    );
    expect(violatedConstraint(error)).toBe("wallets_balance_non_negative");
    expect(await balanceOf(patient.id)).toBe(300_000);
    expect(await ledgerCount(patient.id)).toBe(1);
  });

  it("lets only one of two racing debits through when the balance covers one", async () => {
    const patient = await insertUser();
    await ledger(patient.id, 1_000_000, "topup");
    const results = await Promise.allSettled([
      ledger(patient.id, -600_000, "reservation_payment"),
      ledger(patient.id, -600_000, "chat_payment"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(violatedConstraint(refused?.reason)).toBe("wallets_balance_non_negative");
    expect(await balanceOf(patient.id)).toBe(400_000);
    expect(await ledgerSum(patient.id)).toBe(400_000);
  });

  it("applies racing first entries of a brand-new wallet one after another", async () => {
    const patient = await insertUser();
    const amounts = [100_000, 200_000, 300_000, 400_000, 500_000];
    await Promise.all(amounts.map((amount) => ledger(patient.id, amount, "topup")));
    expect(await balanceOf(patient.id)).toBe(1_500_000);
    const afters = (await db.select({ after: walletLedger.balanceAfterRial }).from(walletLedger).where(eq(walletLedger.userId, patient.id)))
      .map((r) => r.after)
      .sort((a, b) => a - b);
    // Each entry saw the balance left by the one before it: the running sums are all different.
    expect(new Set(afters).size).toBe(amounts.length);
    expect(afters.at(-1)).toBe(1_500_000);
  });

  it("refuses a zero ledger entry", async () => {
    const patient = await insertUser();
    await expectViolation(() => ledger(patient.id, 0, "staff_adjustment"), "wallet_ledger_amount_nonzero");
    expect(await ledgerCount(patient.id)).toBe(0);
  });
});

describe("wallet: ledger entries unique per (reason, reference)", () => {
  it("credits a refund once, however many times it is applied", async () => {
    const patient = await insertUser();
    const reservationId = `reservation-${next()}`;
    await ledger(patient.id, 1_500_000, "cancellation_refund", reservationId);
    await expectViolation(
      () => ledger(patient.id, 1_500_000, "cancellation_refund", reservationId),
      "wallet_ledger_reason_reference_unique",
    );
    expect(await balanceOf(patient.id)).toBe(1_500_000);
    expect(await ledgerCount(patient.id)).toBe(1);
  });

  it("refuses the same reference for the same reason even for another user or another amount", async () => {
    const [a, b] = [await insertUser(), await insertUser()];
    const attemptId = `attempt-${next()}`;
    await ledger(a.id, 700_000, "auto_refund", attemptId);
    await expectViolation(() => ledger(b.id, 700_000, "auto_refund", attemptId), "wallet_ledger_reason_reference_unique");
    await expectViolation(() => ledger(a.id, 1, "auto_refund", attemptId), "wallet_ledger_reason_reference_unique");
    expect(await balanceOf(b.id)).toBeUndefined();
    expect(await balanceOf(a.id)).toBe(700_000);
  });

  it("moves no money for an entry skipped by ON CONFLICT DO NOTHING", async () => {
    const patient = await insertUser();
    const attemptId = `attempt-${next()}`;
    const credit = () =>
      db
        .insert(walletLedger)
        .values({ userId: patient.id, amountRial: 250_000, reason: "topup", reference: attemptId })
        .onConflictDoNothing({ target: [walletLedger.reason, walletLedger.reference] })
        .returning();
    expect(await credit()).toHaveLength(1);
    expect(await credit()).toHaveLength(0);
    expect(await ledgerCount(patient.id)).toBe(1);
    expect(await balanceOf(patient.id)).toBe(250_000);
    expect(await ledgerSum(patient.id)).toBe(250_000);
  });

  it("credits once when the same credit races itself", async () => {
    const patient = await insertUser();
    await ledger(patient.id, 1_000, "topup");
    const attemptId = `attempt-${next()}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        db
          .insert(walletLedger)
          .values({ userId: patient.id, amountRial: 500_000, reason: "auto_refund", reference: attemptId })
          .onConflictDoNothing({ target: [walletLedger.reason, walletLedger.reference] })
          .returning(),
      ),
    );
    expect(results.flat()).toHaveLength(1);
    expect(await balanceOf(patient.id)).toBe(501_000);
    expect(await ledgerSum(patient.id)).toBe(501_000);
  });

  it("allows one reference under different reasons (a payment and its refund)", async () => {
    const patient = await insertUser();
    const reservationId = `reservation-${next()}`;
    await ledger(patient.id, 2_000_000, "topup");
    await ledger(patient.id, -1_500_000, "reservation_payment", reservationId);
    await ledger(patient.id, 1_500_000, "cancellation_refund", reservationId);
    expect(await balanceOf(patient.id)).toBe(2_000_000);
  });
});

describe("wallet: balance is the sum of the ledger, and only the ledger moves it", () => {
  it("keeps the cached balance and each entry's balance_after equal to the running sum", async () => {
    const patient = await insertUser();
    const other = await insertUser();
    await ledger(other.id, 9_000_000, "topup");
    const moves = [500_000, -200_000, 1_000_000, -1_300_000, -1, 250_000, -250_000, 40_000];
    let running = 0;
    for (const amount of moves) {
      const attempted = running + amount;
      if (attempted < 0) {
        await expectViolation(() => ledger(patient.id, amount, "staff_adjustment"), "wallets_balance_non_negative");
      } else {
        const entry = await ledger(patient.id, amount, amount > 0 ? "topup" : "chat_payment");
        running = attempted;
        expect(entry.balanceAfterRial).toBe(running);
      }
      expect(await balanceOf(patient.id)).toBe(running);
      expect(await ledgerSum(patient.id)).toBe(running);
    }
    expect(running).toBe(40_000);
    expect(await balanceOf(other.id)).toBe(9_000_000);

    // Every wallet in the database agrees with its ledger.
    expect((await db.select().from(wallets)).length).toBeGreaterThanOrEqual(2);
    expect(await findViolations(db, ["wallet_balances"])).toEqual([]);
  });

  it("ignores a balance_after value supplied by the writer", async () => {
    const patient = await insertUser();
    const [entry] = await db
      .insert(walletLedger)
      .values({ userId: patient.id, amountRial: 80_000, reason: "topup", reference: `r-${next()}`, balanceAfterRial: 999_999_999 })
      .returning();
    expect(entry!.balanceAfterRial).toBe(80_000);
  });

  it("refuses UPDATE and DELETE on the ledger", async () => {
    const patient = await insertUser();
    const entry = await ledger(patient.id, 500_000, "topup");
    await expectRestricted(
      () => db.update(walletLedger).set({ amountRial: 5_000_000 }).where(eq(walletLedger.id, entry.id)),
      "wallet_ledger is append-only",
    );
    await expectRestricted(
      () => db.update(walletLedger).set({ note: "edited" }).where(eq(walletLedger.id, entry.id)),
      "wallet_ledger is append-only",
    );
    await expectRestricted(() => db.delete(walletLedger).where(eq(walletLedger.id, entry.id)), "wallet_ledger is append-only");
    const [kept] = await db.select().from(walletLedger).where(eq(walletLedger.id, entry.id));
    expect(kept).toMatchObject({ amountRial: 500_000, note: null });
    expect(await balanceOf(patient.id)).toBe(500_000);
  });

  it("refuses writing a wallet directly", async () => {
    const funded = await insertUser();
    await ledger(funded.id, 500_000, "topup");
    const empty = await insertUser();
    const message = "wallet balances change only through wallet_ledger";

    await expectRestricted(() => db.insert(wallets).values({ userId: empty.id, balanceRial: 1_000_000 }), message);
    await expectRestricted(() => db.update(wallets).set({ balanceRial: 9_000_000 }).where(eq(wallets.userId, funded.id)), message);
    await expectRestricted(
      () =>
        db
          .update(wallets)
          .set({ updatedAt: new Date(0) })
          .where(eq(wallets.userId, funded.id)),
      message,
    );
    await expectRestricted(() => db.delete(wallets).where(eq(wallets.userId, funded.id)), message);

    expect(await balanceOf(funded.id)).toBe(500_000);
    expect(await balanceOf(empty.id)).toBeUndefined();
  });
});

describe("users: phone numbers", () => {
  it("keeps phone numbers unique", async () => {
    const user = await insertUser();
    await expectViolation(() => db.insert(users).values({ phone: user.phone, role: "staff" }), "users_phone_unique");
    const other = await insertUser();
    await expectViolation(() => db.update(users).set({ phone: user.phone }).where(eq(users.id, other.id)), "users_phone_unique");
  });

  it.each([
    ["without the leading zero", "9121234567"],
    ["with +98", "+989121234567"],
    ["with 98", "989121234567"],
    ["one digit short", "0912123456"],
    ["one digit long", "091212345678"],
    ["a landline", "02112345678"],
    ["not starting 09", "08121234567"],
    ["with a space", "0912 123 4567"],
    ["with a dash", "0912-123-4567"],
    ["with Persian digits", "۰۹۱۲۱۲۳۴۵۶۷"],
    ["with Arabic-Indic digits", "٠٩١٢١٢٣٤٥٦٧"],
    ["with a trailing newline", "09121234567\n"],
    ["with a letter", "0912123456a"],
    ["empty", ""],
  ])("refuses a phone %s", async (_label, phone) => {
    await expectViolation(() => db.insert(users).values({ phone }), "users_phone_format");
  });

  it("accepts the canonical form", async () => {
    const [user] = await db.insert(users).values({ phone: "09390000000" }).returning();
    expect(user!.phone).toBe("09390000000");
    expect(user!.role).toBe("patient");
  });
});

describe("doctors, schedules and chat: check constraints", () => {
  it("refuses a zero or negative visit fee or chat fee", async () => {
    for (const fee of [0, -100]) {
      await expectViolation(() => insertDoctor({ visitFeeRial: fee }), "doctors_visit_fee_positive");
      await expectViolation(() => insertDoctor({ chatFeeRial: fee }), "doctors_chat_fee_positive");
    }
    const doctor = await insertDoctor();
    await expectViolation(() => db.update(doctors).set({ visitFeeRial: 0 }).where(eq(doctors.id, doctor.id)), "doctors_visit_fee_positive");
  });

  it("keeps the chat answer time between 1 and 168 hours", async () => {
    await expectViolation(() => insertDoctor({ chatAnswerHours: 0 }), "doctors_chat_answer_hours_range");
    await expectViolation(() => insertDoctor({ chatAnswerHours: 169 }), "doctors_chat_answer_hours_range");
    expect((await insertDoctor({ chatAnswerHours: 168 })).chatAnswerHours).toBe(168);
    expect((await insertDoctor({ chatAnswerHours: 1 })).chatAnswerHours).toBe(1);
  });

  it("stores a closing summary only on a closed chat, always with who closed it", async () => {
    const doctor = await insertDoctor();
    const patient = await insertUser();
    const attempt = await insertPaidAttempt(patient.id, { kind: "chat", doctorId: doctor.id, question: "?" }, 500_000);
    const [chat] = await db
      .insert(chatRequests)
      .values(chatRequestValues(patient.id, doctor.id, attempt.id, "سؤال"))
      .returning();
    const set = (values: Partial<typeof chatRequests.$inferInsert>) =>
      db.update(chatRequests).set(values).where(eq(chatRequests.id, chat!.id));

    await expectViolation(() => set({ closingSummary: "خلاصه", closedBy: patient.id }), "chat_requests_closing_summary_when_closed");
    await expectViolation(() => set({ status: "closed", closingSummary: "خلاصه" }), "chat_requests_closing_summary_when_closed");
    await expectViolation(
      () => set({ status: "closed", closingSummary: "", closedBy: patient.id }),
      "chat_requests_closing_summary_length",
    );
    await set({ status: "closed", closingSummary: "خلاصه", closedBy: patient.id });
  });

  it("keeps a chat question between 1 and 2000 characters", async () => {
    const doctor = await insertDoctor();
    const patient = await insertUser();
    const attempt = () => insertPaidAttempt(patient.id, { kind: "chat", doctorId: doctor.id, question: "?" }, 500_000);

    await expectViolation(
      async () => db.insert(chatRequests).values(chatRequestValues(patient.id, doctor.id, (await attempt()).id, "")),
      "chat_requests_question_length",
    );
    await expectViolation(
      async () => db.insert(chatRequests).values(chatRequestValues(patient.id, doctor.id, (await attempt()).id, "س".repeat(2001))),
      "chat_requests_question_length",
    );
    // Characters, not bytes: 2000 Persian letters (4000 bytes in UTF-8) are allowed.
    const [longest] = await db
      .insert(chatRequests)
      .values(chatRequestValues(patient.id, doctor.id, (await attempt()).id, "س".repeat(2000)))
      .returning();
    expect(longest!.question).toHaveLength(2000);

    await expectViolation(
      () => db.insert(chatMessages).values({ chatRequestId: longest!.id, senderId: patient.id, body: "" }),
      "chat_messages_body_length",
    );
    await expectViolation(
      () => db.insert(chatMessages).values({ chatRequestId: longest!.id, senderId: patient.id, body: "x".repeat(4001) }),
      "chat_messages_body_length",
    );
  });

  it("keeps weekly schedules sane", async () => {
    const doctor = await insertDoctor();
    const row = { doctorId: doctor.id, weekday: 6, startTime: "09:00", endTime: "13:00", slotMinutes: 15 };
    await db.insert(weeklySchedules).values(row);
    await expectViolation(() => db.insert(weeklySchedules).values({ ...row, weekday: 7 }), "weekly_schedules_weekday_range");
    await expectViolation(() => db.insert(weeklySchedules).values({ ...row, weekday: -1 }), "weekly_schedules_weekday_range");
    await expectViolation(
      () => db.insert(weeklySchedules).values({ ...row, startTime: "13:00", endTime: "09:00" }),
      "weekly_schedules_interval_order",
    );
    await expectViolation(() => db.insert(weeklySchedules).values({ ...row, slotMinutes: 4 }), "weekly_schedules_slot_minutes_range");
    await expectViolation(() => db.insert(weeklySchedules).values({ ...row, slotMinutes: 241 }), "weekly_schedules_slot_minutes_range");
  });
});

describe("notifications: once per (event, recipient), one SMS each", () => {
  it("refuses a second notification of the same event to the same person, and a second outbox row for one notification", async () => {
    const [patient, other] = [await insertUser(), await insertUser()];
    const event = { kind: "reservation_confirmed" as const, reference: `r-${next()}`, body: "دکتر نوبت: ثبت شد", link: "/appointments" };
    const [first] = await db
      .insert(notifications)
      .values({ ...event, recipientId: patient.id })
      .returning();
    await expectViolation(() => db.insert(notifications).values({ ...event, recipientId: patient.id }), "notifications_once_per_event");
    // Another recipient of the same event, or another event for the same person, is a notification of its own.
    await db.insert(notifications).values({ ...event, recipientId: other.id });
    await db.insert(notifications).values({ ...event, kind: "reservation_reminder_24h", recipientId: patient.id });

    await db.insert(smsOutbox).values({ phone: patient.phone, body: event.body, driver: "outbox", notificationId: first!.id });
    await expectViolation(
      () => db.insert(smsOutbox).values({ phone: patient.phone, body: event.body, driver: "outbox", notificationId: first!.id }),
      "sms_outbox_one_per_notification",
    );
    // Sign-in codes belong to no notification: any number of them.
    await db.insert(smsOutbox).values([
      { phone: patient.phone, body: "کد ۱", driver: "outbox" },
      { phone: patient.phone, body: "کد ۲", driver: "outbox" },
    ]);
  });
});

describe("clinic memberships", () => {
  it("are for staff users only, one per user and clinic", async () => {
    const doctor = await insertDoctor();
    for (const role of ["patient", "doctor", "admin"] as const) {
      const user = await insertUser(role);
      await expectViolation(
        () => db.insert(clinicMemberships).values({ userId: user.id, clinicId: doctor.clinicId, role: "receptionist" }),
        "clinic_memberships_staff_only",
      );
    }
    const staff = await insertUser("staff");
    await db.insert(clinicMemberships).values({ userId: staff.id, clinicId: doctor.clinicId, role: "receptionist" });
    await expectViolation(
      () => db.insert(clinicMemberships).values({ userId: staff.id, clinicId: doctor.clinicId, role: "clinic_admin" }),
      "clinic_memberships_pk",
    );
  });
});

describe("reviews: only from an attended visit of that patient", () => {
  const rating = { overall: 5, treatment: 4, manner: 5, explanation: 4, recommends: true, comment: "دقیق و حوصله‌مند" };
  async function visit(status: "confirmed" | "attended" | "no_show" | "cancelled") {
    const doctor = await insertDoctor();
    const patient = await insertUser();
    const reservation = await insertReservation(await insertSlot(doctor.id), patient.id, { status });
    return {
      doctor,
      patient,
      reservation,
      review: { reservationId: reservation.id, patientId: patient.id, doctorId: doctor.id, ...rating },
    };
  }

  it("refuses a review of a visit that was not attended", async () => {
    for (const status of ["confirmed", "no_show", "cancelled"] as const) {
      const v = await visit(status);
      await expectViolation(() => db.insert(reviews).values(v.review), "reviews_attended_visit_only");
    }
  });

  it("refuses a review by anyone but the visit's patient, or of another doctor", async () => {
    const v = await visit("attended");
    const stranger = await insertUser();
    const otherDoctor = await insertDoctor();
    await expectViolation(
      () => db.insert(reviews).values({ ...v.review, patientId: stranger.id }),
      "reviews_reservation_of_patient_and_doctor",
    );
    await expectViolation(
      () => db.insert(reviews).values({ ...v.review, doctorId: otherDoctor.id }),
      "reviews_reservation_of_patient_and_doctor",
    );
  });

  it("takes one review per visit, with ratings 1 to 5", async () => {
    const v = await visit("attended");
    await expectViolation(() => db.insert(reviews).values({ ...v.review, overall: 6 }), "reviews_ratings_range");
    await expectViolation(() => db.insert(reviews).values({ ...v.review, manner: 0 }), "reviews_ratings_range");
    await db.insert(reviews).values(v.review);
    await expectViolation(() => db.insert(reviews).values(v.review), "reviews_one_per_reservation");
  });

  it("keeps what the patient wrote, lets the doctor reply once, and keeps a reviewed visit attended", async () => {
    const v = await visit("attended");
    const [review] = await db.insert(reviews).values(v.review).returning();
    await expectViolation(
      () => db.update(reviews).set({ comment: "ویرایش‌شده" }).where(eq(reviews.id, review!.id)),
      "reviews_never_edited",
    );
    await expectViolation(() => db.update(reviews).set({ overall: 1 }).where(eq(reviews.id, review!.id)), "reviews_never_edited");
    await db.update(reviews).set({ reply: "سپاس از شما", repliedAt: new Date() }).where(eq(reviews.id, review!.id));
    await expectViolation(
      () => db.update(reviews).set({ reply: "پاسخ دوم", repliedAt: new Date() }).where(eq(reviews.id, review!.id)),
      "reviews_reply_once",
    );
    await expectViolation(
      () => db.update(reviews).set({ hiddenAt: new Date() }).where(eq(reviews.id, review!.id)),
      "reviews_hidden_has_reason",
    );
    await expectViolation(
      () => db.update(reservations).set({ status: "no_show" }).where(eq(reservations.id, v.reservation.id)),
      "reviews_attended_visit_only",
    );
  });
});
