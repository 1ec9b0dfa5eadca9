import { drizzle } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot, payAtSandbox, startPayment } from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { handleGatewayReturn } from "./payment-engine";

/** The gateway's return says "not found" only when the attempt is not there. test:crash's database gap once saw
 * the claim (UPDATE … RETURNING) come back empty for an attempt that existed — a query postgres.js held across a
 * cut and a reconnect — and the patient who had paid was sent to "payment not found". Here the driver's answer to
 * the first claim is replaced by an empty one (the statement is never sent), on real Postgres. */
const { db, url, apiBase } = setupPaymentWorld({ realPostgres: true });

const CLAIM = /^update "payment_attempts" set "status" = case/;

let client: Sql;
let claimsEmptied = 0;
let emptyNextClaim = false;

beforeAll(() => {
  client = postgres(url(), { max: 2, onnotice: () => {} });
});
afterAll(() => client?.end({ timeout: 5 }));

/** The real client, except that a claim asked for while `emptyNextClaim` is set answers no rows. */
function faultyDb(): Db {
  const faulty = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "unsafe") return Reflect.get(target, property, receiver) as unknown;
      return (query: string, ...rest: unknown[]) => {
        if (emptyNextClaim && CLAIM.test(query)) {
          emptyNextClaim = false;
          claimsEmptied++;
          const empty: PromiseLike<unknown[]> & { values(): unknown } = {
            then: (done, fail) => Promise.resolve([]).then(done, fail),
            values: () => empty,
          };
          return empty;
        }
        return (target.unsafe as (...args: unknown[]) => unknown)(query, ...rest);
      };
    },
  });
  return drizzle(faulty, { schema }) as unknown as Db;
}

describe("a claim that comes back empty", () => {
  it("is checked by a read: the paid attempt is claimed again and settles; an unknown authority is still not found", async () => {
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const patient = await makePatient(db());
    const { engine } = buildEngine(faultyDb(), apiBase());
    const started = await startPayment(engine, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));
    expect((await payAtSandbox(apiBase(), started.authority, "paid")).status).toBe("OK");

    emptyNextClaim = true;
    const settled = await handleGatewayReturn(engine, { authority: started.authority, status: "OK" });
    expect(claimsEmptied).toBe(1);
    expect(settled).toMatchObject({ ok: true, value: { status: "paid", attemptId: started.attemptId } });

    expect(await handleGatewayReturn(engine, { authority: "S".padEnd(36, "0"), status: "OK" })).toEqual({
      ok: false,
      error: { code: "unknown_authority" },
    });
  });
});
