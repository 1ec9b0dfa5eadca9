"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { latinDigits } from "@/lib/i18n/normalize";
import { MAX_CLEANUP_HOURS } from "@/lib/ops/cleanup-args";
import { runCleanupAsAdmin } from "@/lib/ops/cleanup";
import { appPaymentEngine } from "@/lib/checkout/app-engine";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.ops;

const cleanupForm = z.object({
  hours: z.string().trim().max(8),
  dryRun: z.literal("1").optional(),
});

export const runCleanupAction = validatedActionWithUser(
  { name: "staff.run-cleanup", schema: cleanupForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const typed = latinDigits(input.hours).replace("٫", ".");
    const hours = /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : Number.NaN;
    if (!(hours >= 0 && hours <= MAX_CLEANUP_HOURS)) return { status: "error", message: t.cleanupHoursInvalid };
    const report = await runCleanupAsAdmin(appPaymentEngine(), user, { hours, dryRun: Boolean(input.dryRun) });
    const p = report.payments;
    const counts: [keyof typeof t.cleanupLines, number][] = [
      ["checked", p.checked],
      ["fulfilled", p.fulfilled],
      ["refunded", p.refunded],
      ["abandoned", p.abandoned],
      ["failed", p.failed],
      ["stillVerifying", p.stillVerifying],
      ["skipped", p.skipped],
      ["chatRequestsExpired", report.chatRequestsExpired],
      ["errors", p.errors],
    ];
    const details = counts.map(([key, value]) => `${t.cleanupLines[key]}: ${persianNumber(value)}`);
    if (p.errors > 0) return { status: "error", message: t.cleanupError, details };
    return { status: "done", message: report.dryRun ? t.cleanupDryDone : t.cleanupDone, details };
  },
);
