"use server";

import { redirect } from "next/navigation";
import type { TopupFormState } from "@/components/wallet/topup-state";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { checkout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { parseTomanToRial } from "@/lib/wallet/topup-amount";
import { formEntries } from "@/lib/shared/client-text";

export async function topUpAction(_prev: TopupFormState, formData: FormData): Promise<TopupFormState> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/wallet")}`);
  const typed = (formEntries(formData).amount ?? "").slice(0, 40);
  const amountRial = parseTomanToRial(typed);
  if (amountRial === null) {
    console.warn(`[wallet] top-up refused for user ${user.userId}: unreadable amount ${JSON.stringify(typed)}`);
    return { error: messages.wallet.amountInvalid, amount: typed };
  }
  const result = await checkout(user, { kind: "topup", amountRial }, "gateway");
  if (!result.ok) {
    console.warn(`[wallet] top-up refused for user ${user.userId}: ${result.error.code} (${amountRial} Rial)`);
    return { error: checkoutErrorMessage(result.error), amount: typed };
  }
  redirect(result.value.redirectTo);
}
