"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formError } from "@/components/payments/form-state";
import { validatedActionWithUser, validatedCallWithUser } from "@/lib/auth/validated-action";
import { recheckPayment, retryCheckout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";

export const retryPaymentAction = validatedActionWithUser(
  {
    name: "checkout.retry-payment",
    schema: z.object({ attemptId: z.uuid() }),
    error: formError,
    signInReturnTo: ({ attemptId }) => `/pay/result/${attemptId}`,
  },
  async ({ attemptId }, user) => {
    const result = await retryCheckout(user, attemptId);
    if (!result.ok) return formError(checkoutErrorMessage(result.error));
    redirect(result.value.redirectTo);
  },
);

/** Polled by the result screen while the payment is open (the attempt's id bound by the page): asks the
 * gateway (throttled) and answers whether the payment is still open; any refusal answers "no longer open". */
export const recheckPaymentAction = validatedCallWithUser(
  { name: "checkout.recheck-payment", schema: z.uuid(), error: () => false },
  async (attemptId, user) => {
    const status = await recheckPayment(user, attemptId);
    return status === "pending" || status === "verifying";
  },
);
