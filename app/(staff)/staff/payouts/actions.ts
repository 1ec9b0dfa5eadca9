"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { markWithdrawalPaid, PAYOUT_ROLES, rejectWithdrawal, type DecideError } from "@/lib/wallet/withdrawals";
import { log } from "@/lib/shared/log";

const t = messages.moneyOut.payouts;

const failed = (message: string): StaffActionState => ({ status: "error", message });

function refusal(error: DecideError): StaffActionState {
  return failed(error.code === "already_decided" ? t.errors.already_decided(t.statuses[error.status]) : t.errors[error.code]);
}

const options = { roles: PAYOUT_ROLES, error: failed } as const;

export const markPaidAction = validatedActionWithUser(
  { ...options, name: "staff.payout-paid", schema: z.object({ withdrawalId: z.uuid(), bankReference: z.string().max(400).default("") }) },
  async (input, user): Promise<StaffActionState> => {
    const result = await markWithdrawalPaid(db(), user, input);
    if (!result.ok) {
      log.warn(`[staff] payout ${input.withdrawalId} not marked paid by ${user.userId}: ${result.error.code}`);
      return refusal(result.error);
    }
    // The row leaves the queue, and its form with it: the answer is shown above the list instead.
    redirect("/staff/payouts?decided=paid");
  },
);

export const rejectAction = validatedActionWithUser(
  { ...options, name: "staff.payout-reject", schema: z.object({ withdrawalId: z.uuid(), reason: z.string().max(400).default("") }) },
  async (input, user): Promise<StaffActionState> => {
    const result = await rejectWithdrawal(db(), user, input);
    if (!result.ok) {
      log.warn(`[staff] payout ${input.withdrawalId} not rejected by ${user.userId}: ${result.error.code}`);
      return refusal(result.error);
    }
    redirect("/staff/payouts?decided=rejected");
  },
);
