"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { TopupFormState } from "@/components/wallet/topup-state";
import { validatedActionWithUser, type PostedForm } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { checkout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { parseTomanToRial } from "@/lib/wallet/topup-amount";
import { log } from "@/lib/shared/log";

const MAX_TYPED = 40;
// What the patient typed, in Toman with any digits and separators: parseTomanToRial reads it.
const topUpForm = z.object({ amount: z.string().max(MAX_TYPED).default("") });

/** What was typed, bounded, to put back into the box. */
const typedAmount = (form: PostedForm) => (typeof form.amount === "string" ? form.amount.slice(0, MAX_TYPED) : "");

export const topUpAction = validatedActionWithUser(
  {
    name: "wallet.top-up",
    schema: topUpForm,
    error: (message, form): TopupFormState => ({ error: message, amount: typedAmount(form) }),
    invalid: (_issues, form) => ({ error: messages.wallet.amountInvalid, amount: typedAmount(form) }),
    signInReturnTo: "/wallet",
  },
  async ({ amount }, user) => {
    const amountRial = parseTomanToRial(amount);
    if (amountRial === null) {
      log.warn(`[wallet] top-up refused for user ${user.userId}: unreadable amount ${JSON.stringify(amount)}`);
      return { error: messages.wallet.amountInvalid, amount };
    }
    const result = await checkout(user, { kind: "topup", amountRial }, "gateway");
    if (!result.ok) {
      log.warn(`[wallet] top-up refused for user ${user.userId}: ${result.error.code} (${amountRial} Rial)`);
      return { error: checkoutErrorMessage(result.error), amount };
    }
    redirect(result.value.redirectTo);
  },
);
