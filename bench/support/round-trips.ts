import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { handleGatewayReturn } from "@/lib/payments/payment-engine";
import { serverEngine, startAndPay } from "./gateway-flow";

/** Round trips to Postgres for one paid reservation's gateway return — what GET /api/payments/callback does —
 * counted on a connection of its own: every message sent, BEGIN and COMMIT included; the sandbox gateway
 * answers from the server's connections, so its statements are not counted (lib/payments/
 * payment-round-trips.test.ts asserts the same count). */
export async function callbackRoundTrips(
  url: string,
  serverUrl: string,
  input: { userId: string; slotId: string },
): Promise<{ count: number; statements: string[] }> {
  const statements: string[] = [];
  let counting = false;
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => {
      if (counting) statements.push(query.trim().split(/\s+/).slice(0, 4).join(" "));
    },
  });
  try {
    const engine = serverEngine(drizzle(client, { schema }) as unknown as Db, serverUrl);
    const paid = await startAndPay(engine, { ...input, sandboxServerUrl: serverUrl });
    counting = true;
    const settled = await handleGatewayReturn(engine, { authority: paid.authority, status: "OK" });
    counting = false;
    if (!settled.ok || settled.value.status !== "paid")
      throw new Error(`round-trip count: the payment did not settle (${JSON.stringify(settled)})`);
    return { count: statements.length, statements };
  } finally {
    await client.end({ timeout: 5 });
  }
}
