import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot, payAtSandbox, startPayment } from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { handleGatewayReturn } from "./payment-engine";

/** The callback is the hot path of every paid purchase: this counts what it asks of Postgres — every message
 * the app's connection sends, BEGIN and COMMIT included — for one paid reservation, from the gateway's return
 * to the committed reservation with its confirmation queued. The sandbox gateway answers from its own
 * connection, so its statements are not counted. The counts are exact (the same every run), so this is a
 * plain assertion, not a timing. */
const { db, url, apiBase } = setupPaymentWorld({ realPostgres: true });

let counted: { db: Db; statements: string[]; end: () => Promise<void> };

beforeAll(() => {
  const statements: string[] = [];
  const client = postgres(url(), {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => void statements.push(query.trim().split(/\s+/).slice(0, 3).join(" ")),
  });
  counted = { db: drizzle(client, { schema }) as unknown as Db, statements, end: () => client.end({ timeout: 5 }) };
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

    counted.statements.length = 0;
    const settled = await handleGatewayReturn(engine, { authority: started.authority, status: "OK" });
    expect(settled).toMatchObject({ ok: true, value: { status: "paid" } });
    expect(counted.statements, counted.statements.join("\n")).toHaveLength(6);

    // A replayed return (the browser's back button) only finds the paid attempt: one statement.
    counted.statements.length = 0;
    expect(await handleGatewayReturn(engine, { authority: started.authority, status: "OK" })).toMatchObject({
      ok: true,
      value: { status: "paid" },
    });
    expect(counted.statements).toHaveLength(1);
  });
});
