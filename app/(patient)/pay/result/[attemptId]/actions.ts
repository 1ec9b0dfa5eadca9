"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { recheckPayment, retryCheckout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { formEntries } from "@/lib/shared/client-text";

const attemptForm = z.object({ attemptId: z.uuid() });

export async function retryPaymentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = attemptForm.safeParse(formEntries(formData));
  if (!parsed.success) return { error: messages.common.genericError };
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/pay/result/${parsed.data.attemptId}`)}`);
  const result = await retryCheckout(user, parsed.data.attemptId);
  if (!result.ok) return { error: checkoutErrorMessage(result.error) };
  redirect(result.value.redirectTo);
}

/** Polled by the result screen while the payment is open: asks the gateway (throttled) and answers whether
 * the payment is still open. */
export async function recheckPaymentAction(attemptId: string): Promise<boolean> {
  const parsed = z.uuid().safeParse(attemptId);
  const user = await currentUser();
  if (!parsed.success || !user) return false;
  const status = await recheckPayment(user, parsed.data);
  return status === "pending" || status === "verifying";
}
