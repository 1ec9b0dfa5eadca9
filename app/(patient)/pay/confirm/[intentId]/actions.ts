"use server";

import type { FormState } from "@/components/payments/form-state";
import { checkoutSealedIntent } from "@/lib/checkout/checkout-session";
import { runIntentStep } from "../../shortfall/[intentId]/intent-form";

export async function finishWithWalletAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runIntentStep(formData, "confirm", (user, intentId) => checkoutSealedIntent(user, intentId, "wallet"));
}
