import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot, payAtSandbox, startPayment } from "@/testing/engine-harness";
import { countingPostgres } from "@/testing/counting-postgres";
import { setupPaymentWorld } from "@/testing/payment-world";
import { handleGatewayReturn } from "./payment-engine";

/** The callback is the hot path of every paid purchase: this counts what it asks of Postgres — every message
 * the app's connection sends, BEGIN and COMMIT included — for one paid reservation, from the gateway's return
 * to the committed reservation with its confirmation queued. The sandbox gateway answers from its own
 * connection, so its statements are not counted. The counts are exact (the same every run), so this is a
 * plain assertion, not a timing. */
const { db, url, apiBase } = setupPaymentWorld({ realPostgres: true });

let counted: ReturnType<typeof countingPostgres>;

beforeAll(() => {
  counted = countingPostgres(url());
});
afterAll(() => counted?.end());

describe("one paid reservation through the callback", () => {
  it("takes 6 round trips: claim, BEGIN, settle the attempt, lock the slot and insert the reservation, queue the confirmation, COMMIT", async () => {
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const patient = await makePatient(db());
    const { engine } = buildEngine(counted.db, apiBase());
    const started = await startPayment(engine, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));
    expect((await payAtSandbox(apiBase(), started.authority, "paid")).status).toBe("OK");

    const settled = await counted.count(() => handleGatewayReturn(engine, { authority: started.authority, status: "OK" }));
    expect(settled.result).toMatchObject({ ok: true, value: { status: "paid" } });
    expect(settled.statements, settled.statements.join("\n")).toHaveLength(6);

    // A replayed return (the browser's back button) only finds the paid attempt: one statement.
    const replayed = await counted.count(() => handleGatewayReturn(engine, { authority: started.authority, status: "OK" }));
    expect(replayed.result).toMatchObject({ ok: true, value: { status: "paid" } });
    expect(replayed.statements).toHaveLength(1);
  });
});
