import { handleGatewayReturn } from "@/lib/payments/payment-engine";
import { countingPostgres } from "@/testing/counting-postgres";
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
  const counted = countingPostgres(url);
  try {
    const engine = serverEngine(counted.db, serverUrl);
    const paid = await startAndPay(engine, { ...input, sandboxServerUrl: serverUrl });
    const { result: settled, statements } = await counted.count(() =>
      handleGatewayReturn(engine, { authority: paid.authority, status: "OK" }),
    );
    if (!settled.ok || settled.value.status !== "paid")
      throw new Error(`round-trip count: the payment did not settle (${JSON.stringify(settled)})`);
    return { count: statements.length, statements };
  } finally {
    await counted.end();
  }
}
