"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { latinDigits } from "@/lib/i18n/normalize";
import { adjustWallet } from "@/lib/staff/refunds";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.staff.refunds;

/** Toman as typed (Persian digits, thousands separators, a leading minus), to integer Rial; NaN when not that. */
function tomanToRial(text: string): number {
  const compact = latinDigits(text)
    .replace(/[\s,٬،]/g, "")
    .replace(/^[−–]/, "-");
  return /^-?\d{1,12}$/.test(compact) ? Number(compact) * 10 : Number.NaN;
}

const adjustForm = z.object({ phone: z.string().trim().max(20), amount: z.string().trim().max(20), reason: z.string().trim().max(500) });

export const adjustWalletAction = validatedActionWithUser(
  { name: "staff.adjust-wallet", schema: adjustForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const amountRial = tomanToRial(input.amount);
    if (!Number.isFinite(amountRial)) return { status: "error", message: t.errors.invalid_amount };
    const result = await adjustWallet(db(), user, { phone: input.phone, amountRial, reason: input.reason });
    if (result.ok) return { status: "done", message: t.adjusted(formatToman(result.value.balanceRial)) };
    const error = result.error;
    return {
      status: "error",
      message: error.code === "insufficient_balance" ? t.errors.insufficient_balance(formatToman(error.balanceRial)) : t.errors[error.code],
    };
  },
);
