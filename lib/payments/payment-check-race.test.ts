import { describe, expect, it } from "vitest";
import { CHECK_PENDING_AFTER_MS, checkPatientOpenPayments, checkPatientPayment } from "./payment-check";
import { attemptById, chooseWithoutReturn, intentFor, makeDoctor, makePatient, makeSlot, snapshot } from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";

/** Many tabs, many instances, one attempt: the database lets exactly one of them ask the gateway. Real
 * concurrency needs real Postgres (PGlite runs one statement at a time). */
const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, poolMax: 24, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

describe.each([2, 20])("%i result pages and 'my payments' lists ask about one paid attempt whose return was lost, at once", (askers) => {
  it("the gateway is asked once (one inquiry, one verify) and one reservation is made", async () => {
    // Every asker sees the same clock, past the first few seconds of the attempt.
    const later = () => new Date(Date.now() + CHECK_PENDING_AFTER_MS + 1_000);
    const t = testEngine({ now: later });
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const patient = await makePatient(db());
    const started = await chooseWithoutReturn(apiBase(), t.engine, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));

    await Promise.all(
      Array.from({ length: askers }, (_, i) =>
        i % 2 === 0 ? checkPatientPayment(t.engine, patient.id, started.attemptId) : checkPatientOpenPayments(t.engine, patient.id),
      ),
    );
    const asked = t.calls.filter((c) => c.method === "inquiry" || c.method === "verify").map((c) => c.method);
    expect(asked).toEqual(["inquiry", "verify"]);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });
});
