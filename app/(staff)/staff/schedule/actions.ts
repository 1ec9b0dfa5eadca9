"use server";

import { z } from "zod";
import { confirmation, refundLines, retireErrorState, retiring } from "@/app/actions/slot-retirement-answers";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { messages } from "@/lib/i18n/messages";
import { closeSlot, reopenSlot } from "@/lib/staff/slot-closing";
import { generateSlots, updateWeeklySchedule, type WorkInterval } from "@/lib/staff/weekly-schedule";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.staff;

const closeSlotForm = z.object({ slotId: z.uuid(), ...confirmation });

export const closeSlotAction = validatedActionWithUser(
  { name: "staff.close-slot", ...retiring, schema: closeSlotForm },
  async (input, user): Promise<StaffActionState> => {
    const result = await closeSlot(db(), user, { slotId: input.slotId, confirmedReservationIds: input.confirmed, reason: input.reason });
    if (!result.ok)
      return (
        retireErrorState(result.error) ?? {
          status: "error",
          message: t.errors[result.error.code as keyof typeof t.errors] ?? t.errors.generic,
        }
      );
    return { status: "done", message: t.schedule.slotClosed, details: refundLines(result.value.refunds) };
  },
);

const reopenForm = z.object({ slotId: z.uuid() });

export const reopenSlotAction = validatedActionWithUser(
  { name: "staff.reopen-slot", schema: reopenForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const result = await reopenSlot(db(), user, input);
    return result.ok ? { status: "done", message: t.schedule.reopened } : { status: "error", message: t.errors[result.error.code] };
  },
);

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const ROWS = [0, 1, 2] as const;
const time = z.union([z.literal(""), z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/)]).default("");
const timeFields = Object.fromEntries(
  WEEKDAYS.flatMap((d) =>
    ROWS.flatMap((k) => [
      [`start-${d}-${k}`, time],
      [`end-${d}-${k}`, time],
    ]),
  ),
);
const weekForm = z.object({ doctorId: z.uuid(), slotMinutes: z.coerce.number().int().min(5).max(240), ...confirmation, ...timeFields });

export const updateScheduleAction = validatedActionWithUser(
  { name: "staff.update-schedule", ...retiring, schema: weekForm },
  async (input, user): Promise<StaffActionState> => {
    const intervals: WorkInterval[] = [];
    const fields = input as Record<string, unknown>;
    for (const weekday of WEEKDAYS) {
      for (const k of ROWS) {
        const start = String(fields[`start-${weekday}-${k}`] ?? "").slice(0, 5);
        const end = String(fields[`end-${weekday}-${k}`] ?? "").slice(0, 5);
        // A half-filled row is sent on as it is, so that validation names it instead of dropping it.
        if (start || end) intervals.push({ weekday, start, end, slotMinutes: input.slotMinutes });
      }
    }
    const result = await updateWeeklySchedule(db(), user, {
      doctorId: input.doctorId,
      intervals,
      confirmedReservationIds: input.confirmed,
      reason: input.reason,
    });
    if (!result.ok) {
      const error = result.error;
      if (error.code === "invalid_schedule") {
        const details = [
          ...new Set(error.problems.map((p) => t.schedule.problemOn(t.schedule.weekdays[p.weekday] ?? "", t.schedule.problems[p.problem]))),
        ];
        return { status: "error", message: t.errors.invalidInput, details };
      }
      return retireErrorState(error) ?? { status: "error", message: t.errors.doctor_not_found };
    }
    const { added, removed, refunds } = result.value;
    return { status: "done", message: t.schedule.saved(added, removed, refunds.length), details: refundLines(result.value.refunds) };
  },
);

const generateForm = z.object({ doctorId: z.uuid(), days: z.coerce.number().int().min(1).max(60) });

export const generateSlotsAction = validatedActionWithUser(
  { name: "staff.generate-slots", schema: generateForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const added = await generateSlots(db(), user, { days: input.days, doctorIds: [input.doctorId] });
    return added.ok
      ? { status: "done", message: t.schedule.generated(added.value) }
      : { status: "error", message: t.errors.doctor_not_found };
  },
);
