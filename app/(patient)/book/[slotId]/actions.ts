"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { checkout } from "@/lib/payments/checkout-session";
import { checkoutErrorMessage } from "@/lib/payments/checkout-error-message";
import { formEntries } from "@/lib/shared/client-text";

const payForm = z.object({ slotId: z.uuid(), method: z.enum(["gateway", "wallet"]) });

export async function payForSlotAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = payForm.safeParse(formEntries(formData));
  if (!parsed.success) {
    console.warn("[checkout] rejected pay form", z.flattenError(parsed.error).fieldErrors);
    return { error: messages.common.genericError };
  }
  const checkoutPath = `/book/${parsed.data.slotId}`;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(checkoutPath)}`);
  const result = await checkout(user, { kind: "reservation", slotId: parsed.data.slotId }, parsed.data.method);
  if (!result.ok) {
    console.info(`[checkout] slot ${parsed.data.slotId} not started for user ${user.userId}: ${result.error.code}`);
    // Taken, closed or past while the patient was deciding: the checkout page itself explains it and offers the
    // doctor's nearest free times.
    if (result.error.code === "slot_unavailable") redirect(checkoutPath);
    return { error: checkoutErrorMessage(result.error) };
  }
  redirect(result.value.redirectTo);
}
