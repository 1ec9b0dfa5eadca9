"use server";

import type { FormState } from "@/components/payments/form-state";
import { checkoutSealedIntent, topUpShortfall } from "@/lib/checkout/checkout-session";
import { runIntentStep } from "./intent-form";

export async function payWholeDirectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runIntentStep(formData, "shortfall", (user, intentId) => checkoutSealedIntent(user, intentId, "gateway"));
}

export async function topUpShortfallAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runIntentStep(formData, "shortfall", topUpShortfall);
}
