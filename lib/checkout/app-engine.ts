import "server-only";
import { db } from "@/db/client";
import { config } from "@/lib/config";
import type { PaymentEngine } from "@/lib/payments/payment-engine";
import { zarinpalClient } from "@/lib/payments/zarinpal-client";
import { paymentProducts } from "./payment-products";

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
    products: paymentProducts(
      { minRial: cfg.wallet.topupMinRial, maxRial: cfg.wallet.topupMaxRial },
      { fullRefundHours: cfg.cancelFullRefundHours },
    ),
    callbackUrl: `${cfg.appUrl}/api/payments/callback`,
  };
}
