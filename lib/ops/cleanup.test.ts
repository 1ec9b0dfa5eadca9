import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { chatRequests, paymentAttempts, users, type PaymentTarget } from "@/db/schema";
import type { Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, payFromWallet, type PaymentEngine } from "@/lib/payments/payment-engine";
import {
  attemptById,
  balanceOf,
  buildEngine,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  setFault,
  snapshot,
  startPayment,
  submitAtSandbox,
  verifyOutcomes,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { cleanupLines, runCleanup, runCleanupAsAdmin } from "./cleanup";

const { db, apiBase, testEngine } = setupPaymentWorld();

const FEE = 3_500_000;
const HOURS = 2;
const reservation = (slotId: string): PaymentTarget => ({ kind: "reservation", slotId });

async function world() {
  const t = testEngine();
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id);
  const patient = await makePatient(db());
  return { ...t, doctor, slot, patient };
}

/** Paid at the gateway, and the browser never came back: the sandbox's drop-callback answer. */
async function paidWithoutCallback(engine: PaymentEngine, intent: Intent) {
  const started = await startPayment(engine, intent);
  await setFault(apiBase(), "drop-callback");
  const response = await submitAtSandbox(apiBase(), started.authority, "paid");
  expect(response.status).toBe(200); // the "we could not take you back" page, no redirect
  await response.arrayBuffer();
  await setFault(apiBase(), "none");
  return started;
}

/** Moves an attempt's start into the past, as if the patient had left it there hours ago. */
async function age(attemptId: string, hours: number) {
  await db()
    .update(paymentAttempts)
    .set({ createdAt: new Date(Date.now() - hours * 3_600_000) })
    .where(eq(paymentAttempts.id, attemptId));
}

const cleanup = (engine: PaymentEngine, dryRun = false) => runCleanup(engine, { hours: HOURS, dryRun });

describe("cleanup: attempts the browser never came back for", () => {
  it("paid but never called back, slot still free → the reservation is made, once", async () => {
    const w = await world();
    const paid = await paidWithoutCallback(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    expect((await snapshot(db())).reservations).toHaveLength(0);
    await age(paid.attemptId, 3);

    const report = await cleanup(w.engine);
    expect(report.payments).toMatchObject({
      checked: 1,
      fulfilled: 1,
      refunded: 0,
      abandoned: 0,
      failed: 0,
      stillVerifying: 0,
      skipped: 0,
      errors: 0,
    });
    expect(await attemptById(db(), paid.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    const s = await snapshot(db());
    expect(s.reservations).toMatchObject([
      { slotId: w.slot.id, patientId: w.patient.id, paymentAttemptId: paid.attemptId, status: "confirmed" },
    ]);
    expect(verifyOutcomes(w.calls)).toEqual([100]);

    // Idempotent: the second run finds nothing, and a late callback changes nothing.
    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 0, fulfilled: 0, refunded: 0, abandoned: 0 });
    expect(await handleGatewayReturn(w.engine, { authority: paid.authority, status: "OK" })).toMatchObject({
      ok: true,
      value: { status: "paid" },
    });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("settles a paid-but-unverified payment even before it is old enough (the gateway lists it)", async () => {
    const w = await world();
    const paid = await paidWithoutCallback(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    expect((await cleanup(w.engine)).payments).toMatchObject({ fulfilled: 1 });
    expect((await snapshot(db())).reservations.map((r) => r.paymentAttemptId)).toEqual([paid.attemptId]);
  });

  it("paid but never called back, slot taken meanwhile → the whole amount goes back to the wallet, once", async () => {
    const w = await world();
    const paid = await paidWithoutCallback(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const other = await makePatient(db(), { balanceRial: FEE });
    expect(await payFromWallet(w.engine, { intent: intentFor(other.id, reservation(w.slot.id)) })).toMatchObject({ ok: true });
    await age(paid.attemptId, 3);

    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 1, fulfilled: 0, refunded: 1, errors: 0 });
    expect(await attemptById(db(), paid.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(await balanceOf(db(), w.patient.id)).toBe(FEE);
    const s = await snapshot(db());
    expect(s.reservations.map((r) => r.patientId)).toEqual([other.id]);

    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 0, refunded: 0 });
    expect(await balanceOf(db(), w.patient.id)).toBe(FEE);
  });

  it("paid for a slot whose time has passed → refunded, not booked into the past", async () => {
    const w = await world();
    const soon = await makeSlot(db(), w.doctor.id, { startsAt: new Date(Date.now() + 60_000) });
    const paid = await paidWithoutCallback(w.engine, intentFor(w.patient.id, reservation(soon.id)));
    const later = testEngine({ now: () => new Date(Date.now() + 3 * 3_600_000) });
    expect((await cleanup(later.engine)).payments).toMatchObject({ refunded: 1, fulfilled: 0 });
    expect(await attemptById(db(), paid.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect((await snapshot(db())).reservations).toHaveLength(0);
  });

  it("never paid → abandoned (older than the given hours only); a younger one is left waiting", async () => {
    const w = await world();
    const old = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const young = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await age(old.attemptId, 3);
    await age(young.attemptId, 1);

    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 1, abandoned: 1, fulfilled: 0, errors: 0 });
    expect(await attemptById(db(), old.attemptId)).toMatchObject({ status: "abandoned", outcome: null, settledAt: null });
    expect(await attemptById(db(), young.attemptId)).toMatchObject({ status: "pending" });
    expect((await snapshot(db())).reservations).toHaveLength(0);
    expect(w.calls.filter((c) => c.method === "verify")).toHaveLength(0);
  });

  it("an abandoned attempt the patient then pays after all is still honoured by the callback", async () => {
    const w = await world();
    const old = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await age(old.attemptId, 3);
    await cleanup(w.engine);
    expect((await attemptById(db(), old.attemptId)).status).toBe("abandoned");
    const back = await payAtSandbox(apiBase(), old.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "paid" } });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("cancelled or failed at the bank without a callback → abandoned", async () => {
    const w = await world();
    const cancelled = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await (await submitAtSandbox(apiBase(), cancelled.authority, "cancelled")).arrayBuffer();
    await age(cancelled.attemptId, 5);
    expect((await cleanup(w.engine)).payments).toMatchObject({ abandoned: 1 });
    expect((await attemptById(db(), cancelled.attemptId)).status).toBe("abandoned");
  });

  it("an authority the gateway does not know (-54) → abandoned", async () => {
    const w = await world();
    const [ghost] = await db()
      .insert(paymentAttempts)
      .values({
        userId: w.patient.id,
        purpose: "reservation",
        target: reservation(w.slot.id),
        amountRial: FEE,
        gateway: "sandbox",
        authority: `S${"q".repeat(35)}`,
        intentId: "unknown-authority",
        createdAt: new Date(Date.now() - 4 * 3_600_000),
      })
      .returning();
    expect((await cleanup(w.engine)).payments).toMatchObject({ abandoned: 1, errors: 0 });
    expect((await attemptById(db(), ghost!.id)).status).toBe("abandoned");
  });

  it("verify timed out, then the gateway recovers → fulfilled exactly once", async () => {
    const w = await world();
    await setFault(apiBase(), "verify-timeout");
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "verifying" } });
    await age(started.attemptId, 3);

    // The gateway still hangs: nothing is decided, nothing is created.
    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 1, stillVerifying: 1, fulfilled: 0 });
    expect((await snapshot(db())).reservations).toHaveLength(0);

    await setFault(apiBase(), "none");
    // Back-off: a run right after an answer that settled nothing does not ask the gateway again.
    const callsBefore = w.calls.length;
    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 0, skipped: 1, fulfilled: 0 });
    expect(w.calls.length).toBe(callsBefore + 1); // unVerified only
    await db()
      .update(paymentAttempts)
      .set({ lastCheckedAt: new Date(Date.now() - 600_000) })
      .where(eq(paymentAttempts.id, started.attemptId));
    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 1, fulfilled: 1, stillVerifying: 0 });
    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 0, fulfilled: 0 });
    expect((await snapshot(db())).reservations).toHaveLength(1);
    expect(verifyOutcomes(w.calls).filter((c) => c === 100)).toHaveLength(1);
  });

  it("two runs at once take turns: each outcome is counted once", async () => {
    const w = await world();
    const paid = await paidWithoutCallback(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const unpaid = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await age(paid.attemptId, 3);
    await age(unpaid.attemptId, 3);
    const [a, b] = await Promise.all([cleanup(w.engine), cleanup(w.engine)]);
    expect(a.payments.fulfilled + b.payments.fulfilled).toBe(1);
    expect(a.payments.abandoned + b.payments.abandoned).toBe(1);
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("a dry run asks the gateway, counts what a real run would do, and changes nothing", async () => {
    const w = await world();
    const paid = await paidWithoutCallback(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const unpaid = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await age(paid.attemptId, 3);
    await age(unpaid.attemptId, 3);
    const before = await snapshot(db());

    const dry = await cleanup(w.engine, true);
    expect(dry.dryRun).toBe(true);
    expect(dry.payments).toMatchObject({ checked: 2, fulfilled: 1, abandoned: 1, errors: 0 });
    expect(await snapshot(db())).toEqual(before);
    expect(w.calls.filter((c) => c.method === "verify")).toHaveLength(0);
    expect(cleanupLines(dry)[0]).toContain("dry run");

    const real = await cleanup(w.engine);
    expect(real.payments).toMatchObject({ checked: 2, fulfilled: 1, abandoned: 1 });
  });

  it("a gateway that cannot be reached is an error, and nothing is marked", async () => {
    const w = await world();
    const unpaid = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await age(unpaid.attemptId, 3);
    const down = buildEngine(db(), await unreachableApiBase());
    const report = await cleanup(down.engine);
    expect(report.payments.errors).toBeGreaterThan(0);
    expect(report.payments).toMatchObject({ abandoned: 0, fulfilled: 0 });
    expect((await attemptById(db(), unpaid.attemptId)).status).toBe("pending");
    expect(cleanupLines(report).at(-1)).toBe(`errors: ${report.payments.errors}`);
  });

  it("leaves wallet payments, failed and paid attempts alone", async () => {
    const w = await world();
    const rich = await makePatient(db(), { balanceRial: FEE });
    await payFromWallet(w.engine, { intent: intentFor(rich.id, reservation(w.slot.id)) });
    const other = await makeSlot(db(), w.doctor.id);
    const failed = await startPayment(w.engine, intentFor(w.patient.id, reservation(other.id)));
    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), failed.authority, "failed"));
    await db()
      .update(paymentAttempts)
      .set({ createdAt: new Date(Date.now() - 5 * 3_600_000) });
    const before = await snapshot(db());
    expect((await cleanup(w.engine)).payments).toMatchObject({ checked: 0, errors: 0 });
    expect(await snapshot(db())).toEqual(before);
  });
});

describe("cleanup: unanswered chat requests", () => {
  it("expires those past their deadline with a refund (a dry run only counts them)", async () => {
    const w = await world();
    const [attempt] = await db()
      .insert(paymentAttempts)
      .values({
        userId: w.patient.id,
        purpose: "chat",
        target: { kind: "chat", doctorId: w.doctor.id, question: "سلام" },
        amountRial: 1_500_000,
        gateway: "sandbox",
        authority: `S${"c".repeat(35)}`,
        status: "paid",
        outcome: "fulfilled",
        refId: "123456789",
        intentId: "chat-intent",
        settledAt: new Date(),
      })
      .returning();
    const [request] = await db()
      .insert(chatRequests)
      .values({
        patientId: w.patient.id,
        doctorId: w.doctor.id,
        paymentAttemptId: attempt!.id,
        question: "سلام",
        amountRial: 1_500_000,
        answerDeadline: new Date(Date.now() - 60_000),
      })
      .returning();

    expect((await cleanup(w.engine, true)).chatRequestsExpired).toBe(1);
    expect((await db().select().from(chatRequests).where(eq(chatRequests.id, request!.id)))[0]!.status).toBe("waiting");

    expect((await cleanup(w.engine)).chatRequestsExpired).toBe(1);
    expect((await db().select().from(chatRequests).where(eq(chatRequests.id, request!.id)))[0]!.status).toBe("expired");
    expect(await balanceOf(db(), w.patient.id)).toBe(1_500_000);
    expect((await cleanup(w.engine)).chatRequestsExpired).toBe(0);
    expect(await balanceOf(db(), w.patient.id)).toBe(1_500_000);
  });
});

describe("the admin's cleanup button", () => {
  it("runs for an admin and is audited; anyone else is refused before anything happens", async () => {
    const w = await world();
    const unpaid = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await age(unpaid.attemptId, 3);
    const roles = ["patient", "doctor", "staff"] as const;
    for (const role of roles) {
      const [user] = await db()
        .insert(users)
        .values({ phone: `0911${String(roles.indexOf(role)).padStart(7, "0")}`, role })
        .returning();
      await expect(runCleanupAsAdmin(w.engine, { userId: user!.id, role }, { hours: HOURS, dryRun: false })).rejects.toThrow(/forbidden/);
    }
    await expect(runCleanupAsAdmin(w.engine, null, { hours: HOURS, dryRun: false })).rejects.toThrow(/forbidden/);
    expect((await attemptById(db(), unpaid.attemptId)).status).toBe("pending");

    const [admin] = await db().insert(users).values({ phone: "09159999999", role: "admin" }).returning();
    const report = await runCleanupAsAdmin(w.engine, { userId: admin!.id, role: "admin" }, { hours: HOURS, dryRun: false });
    expect(report.payments.abandoned).toBe(1);
    const audit = await db().query.auditLog.findMany();
    expect(audit).toMatchObject([{ actorId: admin!.id, action: "ops.cleanup", after: { abandoned: 1, dryRun: false } }]);
  });
});
