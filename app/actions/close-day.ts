"use server";

import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { closeDay } from "@/lib/staff/slot-closing";
import { confirmation, refundLines, retireErrorState, retiring } from "./slot-retirement-answers";

const t = messages.staff;

const closeDayForm = z.object({ doctorId: z.uuid(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), ...confirmation });

/** From the staff schedule and the doctor's own day page (a day off): the service decides who may close it. */
export const closeDayAction = validatedActionWithUser(
  { name: "staff.close-day", ...retiring, roles: ["staff", "admin", "doctor"], schema: closeDayForm },
  async (input, user): Promise<StaffActionState> => {
    const result = await closeDay(db(), user, {
      doctorId: input.doctorId,
      date: input.date,
      confirmedReservationIds: input.confirmed,
      reason: input.reason,
    });
    if (!result.ok)
      return (
        retireErrorState(result.error) ?? {
          status: "error",
          message: t.errors[result.error.code as keyof typeof t.errors] ?? t.errors.generic,
        }
      );
    return { status: "done", message: t.schedule.dayClosed(result.value.closed), details: refundLines(result.value.refunds) };
  },
);
