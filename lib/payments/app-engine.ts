import "server-only";
import { db } from "@/db/client";
import { config } from "@/lib/config";
import type { PaymentEngine } from "./payment-engine";
import { paymentProducts } from "./products";
import { zarinpalClient } from "./zarinpal-client";

/** The engine as the running app uses it: the configured gateway (the sandbox inside this app, or ZarinPal)
 * and the callback URL the gateway sends the browser back to. */
export function appPaymentEngine(): PaymentEngine {
  const cfg = config();
  return {
    db: db(),
    gateway: zarinpalClient({
      name: cfg.payment.gateway,
      apiBase: cfg.payment.apiBase,
      merchantId: cfg.payment.merchantId,
      timeoutMs: cfg.payment.timeoutMs,
    }),
    products: paymentProducts({ minRial: cfg.wallet.topupMinRial, maxRial: cfg.wallet.topupMaxRial }),
    callbackUrl: `${cfg.appUrl}/api/payments/callback`,
  };
}
