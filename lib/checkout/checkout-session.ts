import "server-only";
import type { PaymentTarget } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { forgetIntent, loadIntent, storeIntent } from "@/lib/intent/intent-cookies";
import { newIntent, type Intent } from "@/lib/intent/intent";
import { err, ok, type Result } from "@/lib/shared/result";
import { walletBalance } from "@/lib/ledger/ledger";
import { shortfallTopupRial } from "@/lib/wallet/topup-amount";
import { appPaymentEngine } from "./app-engine";
import {
  payFromWallet,
  retryPayment,
  startGatewayPayment,
  type PaymentEngine,
  type RetryError,
  type StartError,
  type WalletPayError,
} from "@/lib/payments/payment-engine";
import { checkPatientOpenPayments, checkPatientPayment } from "@/lib/payments/payment-check";
import { productFor } from "@/lib/payments/product";

/** The browser side of the payment engine: seals the intent into its cookie and turns engine results into
 * where the patient goes next. Server actions call these after authenticating and parsing. */
export type CheckoutError = StartError | WalletPayError | RetryError;
export type CheckoutNext = { redirectTo: string };

export async function checkout(
  user: CurrentUser,
  target: PaymentTarget,
  method: "gateway" | "wallet",
): Promise<Result<CheckoutNext, CheckoutError>> {
  const engine = appPaymentEngine();
  const priced = await productFor(engine.products, target).price(engine.db, target, new Date());
  if (!priced.ok) return priced;
  const intent = newIntent({ userId: user.userId, target, amountRial: priced.value.amountRial });
  const intentBytes = await storeIntent(intent);
  return payIntent(engine, user, intent, intentBytes, method);
}

/** Pays for an intent that is already sealed in its cookie (the shortfall and confirm screens), so the
 * purchase the patient chose is the one that is paid for, and a retry finds the same intent. */
export async function checkoutSealedIntent(
  user: CurrentUser,
  intentId: string,
  method: "gateway" | "wallet",
): Promise<Result<CheckoutNext, CheckoutError>> {
  const intent = await loadIntent(intentId, user.userId);
  if (!intent || intent.target.kind === "topup") return err({ code: "intent_expired" });
  return payIntent(appPaymentEngine(), user, intent, undefined, method);
}

/** Tops the wallet up by what it lacks for a sealed purchase (at least the top-up minimum). The top-up
 * carries the purchase and its intent id, so its result screen leads back to `/pay/confirm/{intentId}`. */
export async function topUpShortfall(user: CurrentUser, intentId: string): Promise<Result<CheckoutNext, CheckoutError>> {
  const intent = await loadIntent(intentId, user.userId);
  if (!intent || intent.target.kind === "topup") return err({ code: "intent_expired" });
  const engine = appPaymentEngine();
  const priced = await productFor(engine.products, intent.target).price(engine.db, intent.target, new Date());
  if (!priced.ok) return priced;
  const balanceRial = await walletBalance(engine.db, user.userId);
  const amountRial = shortfallTopupRial(priced.value.amountRial, balanceRial, config().wallet.topupMinRial);
  if (amountRial === 0) return ok({ redirectTo: `/pay/confirm/${intent.id}` });
  return checkout(user, { kind: "topup", amountRial, resume: intent.target, resumeIntentId: intent.id }, "gateway");
}

async function payIntent(
  engine: PaymentEngine,
  user: CurrentUser,
  intent: Intent,
  intentBytes: number | undefined,
  method: "gateway" | "wallet",
): Promise<Result<CheckoutNext, CheckoutError>> {
  if (method === "wallet") {
    const paid = await payFromWallet(engine, { intent, intentBytes });
    if (paid.ok) {
      await forgetIntent(intent.id);
      return ok({ redirectTo: `/pay/result/${paid.value.attemptId}` });
    }
    // Short of money: the intent stays sealed in its cookie while the patient chooses how to go on.
    if (paid.error.code === "insufficient_balance") return ok({ redirectTo: `/pay/shortfall/${intent.id}` });
    await forgetIntent(intent.id);
    return paid;
  }
  const started = await startGatewayPayment(engine, { intent, mobile: user.phone, intentBytes });
  if (started.ok) return ok({ redirectTo: started.value.paymentUrl });
  if ("attemptId" in started.error) return ok({ redirectTo: `/pay/result/${started.error.attemptId}` });
  await forgetIntent(intent.id);
  return started;
}

export async function retryCheckout(user: CurrentUser, attemptId: string): Promise<Result<CheckoutNext, CheckoutError>> {
  const retried = await retryPayment(appPaymentEngine(), {
    userId: user.userId,
    attemptId,
    loadIntent: (intentId) => loadIntent(intentId, user.userId),
    mobile: user.phone,
  });
  if (retried.ok) return ok({ redirectTo: retried.value.paymentUrl });
  if ("attemptId" in retried.error) return ok({ redirectTo: `/pay/result/${retried.error.attemptId}` });
  return err(retried.error);
}

/** The result page asks while the payment is open (pending or verifying); the gateway is asked at most once
 * per attempt per few seconds, whoever asks. */
export async function recheckPayment(user: CurrentUser, attemptId: string): Promise<string | null> {
  return checkPatientPayment(appPaymentEngine(), user.userId, attemptId);
}

/** "My payments" asks about the patient's open payments; true while any is still open. */
export async function recheckMyPayments(user: CurrentUser): Promise<boolean> {
  return checkPatientOpenPayments(appPaymentEngine(), user.userId);
}
