"use server";

import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { latinDigits } from "@/lib/i18n/normalize";
import { announceDelay } from "@/lib/staff/visit-delay";
import { staffAction } from "@/app/(staff)/staff/staff-action";

const t = messages.notifications;

const delayForm = z.object({
  doctorId: z.uuid(),
  noticeKey: z.uuid(),
  // Out-of-range minutes reach the service, which answers with the precise Persian error.
  minutes: z.preprocess((v) => (typeof v === "string" ? Number(latinDigits(v.trim()) || Number.NaN) : v), z.number()),
});

/** From the staff day page and the doctor's own day page: the service decides who may speak for the doctor. */
export async function announceDelayAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return staffAction(
    "announceDelay",
    formData,
    delayForm,
    async (user, input) => {
      const result = await announceDelay(db(), user, input);
      if (!result.ok) {
        console.warn(`[staff] announceDelay: ${result.error.code} (user ${user.userId}, doctor ${input.doctorId}, minutes ${input.minutes})`);
        return { status: "error", message: t.delayErrors[result.error.code] };
      }
      return { status: "done", message: result.value.repeated ? t.delayForm.repeated : t.delayForm.done(persianNumber(result.value.notified)) };
    },
    ["staff", "admin", "doctor"],
  );
}
