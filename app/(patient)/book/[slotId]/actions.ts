"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { checkout } from "@/lib/payments/checkout-session";
import { checkoutErrorMessage } from "@/lib/payments/checkout-error-message";

const payForm = z.object({ slotId: z.uuid(), method: z.enum(["gateway", "wallet"]) });

export async function payForSlotAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = payForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: messages.common.genericError };
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/book/${parsed.data.slotId}`)}`);
  const result = await checkout(user, { kind: "reservation", slotId: parsed.data.slotId }, parsed.data.method);
  if (!result.ok) return { error: checkoutErrorMessage(result.error) };
  redirect(result.value.redirectTo);
}
