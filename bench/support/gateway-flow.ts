import type { Db } from "@/db/client";
import { startGatewayPayment, type PaymentEngine } from "@/lib/payments/payment-engine";
import { paymentProducts } from "@/lib/checkout/payment-products";
import { authorityOf, intentFor, submitAtSandbox, TEST_MERCHANT_ID, TEST_TOPUP_LIMITS } from "@/testing/engine-harness";
import { zarinpalClient } from "@/lib/payments/zarinpal-client";

/** A patient's payment through a running server, the way the browser drives it: the checkout starts the
 * payment (here the engine runs in this process, as the server action would, and asks the server's sandbox
 * for an authority over HTTP), the payer presses "pay" on the sandbox's StartPay page (HTTP POST), and the
 * gateway sends the browser back to GET /api/payments/callback — which is left to the caller to fire. */

/** The engine the running server at `serverUrl` uses, with the server's sandbox as its gateway. */
export function serverEngine(db: Db, serverUrl: string): PaymentEngine {
  return {
    db,
    gateway: zarinpalClient({ name: "sandbox", apiBase: `${serverUrl}/sandbox`, merchantId: TEST_MERCHANT_ID, timeoutMs: 30_000 }),
    products: paymentProducts(TEST_TOPUP_LIMITS),
    callbackUrl: `${serverUrl}/api/payments/callback`,
  };
}

export type PaidAtGateway = {
  attemptId: string;
  authority: string;
  userId: string;
  slotId: string;
  /** Where the gateway sends the browser: the starting server's callback with Authority and Status=OK. */
  callbackUrl: string;
};

export async function startPayment(
  engine: PaymentEngine,
  userId: string,
  slotId: string,
): Promise<{ attemptId: string; authority: string }> {
  const started = await startGatewayPayment(engine, { intent: intentFor(userId, { kind: "reservation", slotId }) });
  if (!started.ok) throw new Error(`start payment for slot ${slotId} failed: ${JSON.stringify(started.error)}`);
  return { attemptId: started.value.attemptId, authority: authorityOf(started.value.paymentUrl) };
}

/** The payer pays on the StartPay page of the sandbox at `sandboxServerUrl`; returns the gateway's redirect. */
export async function payAtSandbox(sandboxServerUrl: string, authority: string): Promise<string> {
  const response = await submitAtSandbox(`${sandboxServerUrl}/sandbox`, authority, "paid");
  await response.arrayBuffer();
  const location = response.headers.get("location");
  if (response.status !== 303 || !location) throw new Error(`sandbox answered ${response.status} without a redirect for ${authority}`);
  return location;
}

export async function startAndPay(
  engine: PaymentEngine,
  input: { userId: string; slotId: string; sandboxServerUrl: string },
): Promise<PaidAtGateway> {
  const { attemptId, authority } = await startPayment(engine, input.userId, input.slotId);
  const callbackUrl = await payAtSandbox(input.sandboxServerUrl, authority);
  return { attemptId, authority, userId: input.userId, slotId: input.slotId, callbackUrl };
}

/** The browser arriving at the callback (redirects not followed). */
export async function deliverCallback(url: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(url, { redirect: "manual" });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") };
}

/** `work` over `items`, at most `limit` at a time, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
  return results;
}
