"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { appPaymentEngine } from "@/lib/checkout/app-engine";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { reverseToCard } from "@/lib/wallet/card-reversal";
import { log } from "@/lib/shared/log";

const t = messages.moneyOut.backToCard;

export const backToCardAction = validatedActionWithUser(
  {
    name: "payment.back-to-card",
    schema: z.object({ attemptId: z.uuid() }),
    roles: ["patient"],
    error: (message): StaffActionState => ({ status: "error", message }),
    signInReturnTo: (input) => `/pay/result/${input.attemptId}`,
  },
  async ({ attemptId }, user): Promise<StaffActionState> => {
    const result = await reverseToCard({ db: db(), gateway: appPaymentEngine().gateway }, user.userId, attemptId);
    if (!result.ok) {
      log.warn(`[payments] back to the card refused for user ${user.userId}, attempt ${attemptId}: ${result.error.code}`);
      return { status: "error", message: t.errors[result.error.code] };
    }
    refresh();
    return { status: "done", message: t.done(formatToman(result.value.amountRial)) };
  },
);
