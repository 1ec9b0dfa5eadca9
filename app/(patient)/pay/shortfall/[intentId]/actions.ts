"use server";

import { redirect } from "next/navigation";
import { formError } from "@/components/payments/form-state";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { checkoutSealedIntent, topUpShortfall } from "@/lib/checkout/checkout-session";
import { intentScreenPath, intentStepForm, intentStepRefusal } from "@/lib/checkout/intent-step";

const shortfallStep = (name: string) => ({
  name,
  schema: intentStepForm,
  error: formError,
  signInReturnTo: ({ intentId }: { intentId: string }) => intentScreenPath("shortfall", intentId),
});

export const payWholeDirectAction = validatedActionWithUser(shortfallStep("pay.shortfall-whole-direct"), async ({ intentId }, user) => {
  const result = await checkoutSealedIntent(user, intentId, "gateway");
  if (result.ok) redirect(result.value.redirectTo);
  return formError(intentStepRefusal(result.error, "shortfall", user, intentId));
});

export const topUpShortfallAction = validatedActionWithUser(shortfallStep("pay.shortfall-top-up"), async ({ intentId }, user) => {
  const result = await topUpShortfall(user, intentId);
  if (result.ok) redirect(result.value.redirectTo);
  return formError(intentStepRefusal(result.error, "shortfall", user, intentId));
});
