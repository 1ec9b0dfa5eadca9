"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { latinDigits } from "@/lib/i18n/normalize";
import { announceDelay } from "@/lib/staff/visit-delay";
import { log } from "@/lib/shared/log";

const t = messages.notifications;

const delayForm = z.object({
  doctorId: z.uuid(),
  noticeKey: z.uuid(),
  // Out-of-range minutes reach the service, which answers with the precise Persian error.
  minutes: z.preprocess((v) => (typeof v === "string" ? Number(latinDigits(v.trim()) || Number.NaN) : v), z.number()),
});

/** From the staff day page and the doctor's own day page: the service decides who may speak for the doctor. */
export const announceDelayAction = validatedActionWithUser(
  { name: "staff.announce-delay", schema: delayForm, roles: ["staff", "admin", "doctor"], ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const result = await announceDelay(db(), user, input);
    if (!result.ok) {
      log.warn(`[staff] announceDelay: ${result.error.code} (user ${user.userId}, doctor ${input.doctorId}, minutes ${input.minutes})`);
      return { status: "error", message: t.delayErrors[result.error.code] };
    }
    return {
      status: "done",
      message: result.value.repeated ? t.delayForm.repeated : t.delayForm.done(persianNumber(result.value.notified)),
    };
  },
);
