"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { WithdrawFormState } from "@/components/wallet/withdraw-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { parseTomanToRial } from "@/lib/wallet/topup-amount";
import { requestWithdrawal } from "@/lib/wallet/withdrawals";
import { log } from "@/lib/shared/log";

const t = messages.moneyOut;

const withdrawForm = z.object({
  requestId: z.uuid(),
  sheba: z.string().max(80).default(""),
  amount: z.string().max(40).optional(),
  all: z.literal("1").optional(),
});

export const withdrawAction = validatedActionWithUser(
  {
    name: "wallet.withdraw",
    schema: withdrawForm,
    roles: ["patient"],
    error: (message): WithdrawFormState => ({ error: message }),
    signInReturnTo: () => "/wallet",
  },
  async (input, user): Promise<WithdrawFormState> => {
    const typed = { sheba: input.sheba, amount: input.amount ?? "", all: input.all === "1" };
    const amountRial = typed.all ? "all" : parseTomanToRial(typed.amount);
    if (amountRial === null) {
      log.warn(`[wallet] withdrawal refused for user ${user.userId}: unreadable amount ${JSON.stringify(typed.amount)}`);
      return { ...typed, error: t.errors.invalid_amount };
    }
    const result = await requestWithdrawal(db(), user, { requestId: input.requestId, amountRial, sheba: input.sheba });
    if (!result.ok) {
      const error = result.error;
      log.warn(`[wallet] withdrawal refused for user ${user.userId}: ${error.code}`);
      if (error.code !== "already_requested") {
        return {
          ...typed,
          error:
            error.code === "insufficient_balance" ? t.errors.insufficient_balance(formatToman(error.balanceRial)) : t.errors[error.code],
        };
      }
    }
    // Asked (now or by the first of two clicks): the page shows it in the list, with a fresh form.
    redirect("/wallet?withdrawal=requested");
  },
);
