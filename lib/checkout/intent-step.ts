import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { intentIdSchema } from "@/lib/intent/intent";
import { messages } from "@/lib/i18n/messages";
import { checkoutErrorMessage } from "./checkout-error-message";
import type { CheckoutError } from "./checkout-session";
import { log } from "@/lib/shared/log";

/** The last steps of a sealed checkout, taken from the shortfall and confirm screens: pay the whole price at
 * the gateway, top up the shortfall, or finish with the wallet. Each screen's form posts only the intent's id. */
export const intentStepForm = z.object({ intentId: intentIdSchema });

export type IntentScreen = "shortfall" | "confirm";

export const intentScreenPath = (screen: IntentScreen, intentId: string) => `/pay/${screen}/${intentId}`;

/** Refusals after which the patient's money stays in their wallet (the thing they paid for is gone). */
const KEEPS_WALLET: CheckoutError["code"][] = ["slot_unavailable", "slot_not_found", "doctor_not_found", "chat_not_offered"];

/** A refused step's Persian message (saying where the money is when it stays in the wallet), logged. */
export function intentStepRefusal(error: CheckoutError, screen: IntentScreen, actor: Actor, intentId: string): string {
  log.warn(`[wallet] ${screen} step refused for user ${actor.userId}, intent ${intentId}: ${error.code}`);
  const message = checkoutErrorMessage(error);
  return KEEPS_WALLET.includes(error.code) ? `${message} ${messages.wallet.keptInWallet}` : message;
}
