"use server";

import { redirect } from "next/navigation";
import { formError } from "@/components/payments/form-state";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { checkoutSealedIntent } from "@/lib/checkout/checkout-session";
import { intentScreenPath, intentStepForm, intentStepRefusal } from "@/lib/checkout/intent-step";

export const finishWithWalletAction = validatedActionWithUser(
  {
    name: "pay.confirm-with-wallet",
    schema: intentStepForm,
    error: formError,
    signInReturnTo: ({ intentId }) => intentScreenPath("confirm", intentId),
  },
  async ({ intentId }, user) => {
    const result = await checkoutSealedIntent(user, intentId, "wallet");
    if (result.ok) redirect(result.value.redirectTo);
    return formError(intentStepRefusal(result.error, "confirm", user, intentId));
  },
);
