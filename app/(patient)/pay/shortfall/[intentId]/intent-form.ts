import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { currentUser, type CurrentUser } from "@/lib/auth/current-user";
import { intentIdSchema } from "@/lib/intent/intent";
import { messages } from "@/lib/i18n/messages";
import type { CheckoutError, CheckoutNext } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import type { Result } from "@/lib/shared/result";
import { formEntries } from "@/lib/shared/client-text";

const intentForm = z.object({ intentId: intentIdSchema });

const KEEPS_WALLET: CheckoutError["code"][] = ["slot_unavailable", "slot_not_found", "doctor_not_found", "chat_not_offered"];

/** The shared body of the shortfall and confirm screens' server actions: parse the intent id, sign-in check,
 * run the step, then follow it or say why not. */
export async function runIntentStep(
  formData: unknown,
  screen: "shortfall" | "confirm",
  step: (user: CurrentUser, intentId: string) => Promise<Result<CheckoutNext, CheckoutError>>,
): Promise<FormState> {
  const parsed = intentForm.safeParse({ intentId: formEntries(formData).intentId });
  if (!parsed.success) return { error: messages.common.genericError };
  const { intentId } = parsed.data;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/pay/${screen}/${intentId}`)}`);
  const result = await step(user, intentId);
  if (result.ok) redirect(result.value.redirectTo);
  console.warn(`[wallet] ${screen} step refused for user ${user.userId}, intent ${intentId}: ${result.error.code}`);
  const message = checkoutErrorMessage(result.error);
  return { error: KEEPS_WALLET.includes(result.error.code) ? `${message} ${messages.wallet.keptInWallet}` : message };
}
