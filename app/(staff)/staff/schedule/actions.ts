"use server";

import { z } from "zod";
import { type BookedView, staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { closeDay, closeSlot, reopenSlot, type CloseError } from "@/lib/staff/slot-closing";
import type { BookedSlot, Refund } from "@/lib/staff/slot-retirement";
import { generateSlots, updateWeeklySchedule, type ScheduleUpdateError, type WorkInterval } from "@/lib/staff/weekly-schedule";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.staff;

const bookedView = (b: BookedSlot): BookedView => ({
  reservationId: b.reservationId,
  line: t.schedule.bookedLine(
    formatJalaliDateTime(b.startsAt),
    `${b.patientName ?? ""} (${persianNumber(b.patientPhone)})`.trim(),
    formatToman(b.amountRial),
  ),
});

const refundLines = (refunds: Refund[]) =>
  refunds.map((r) => t.schedule.refundedTo(`${r.patientName ?? ""} (${persianNumber(r.patientPhone)})`.trim(), formatToman(r.refundRial)));

/** Errors every slot-removing action shares: confirm first, or a reason is missing. */
function retireErrorState(error: CloseError | ScheduleUpdateError): StaffActionState | null {
  if (error.code === "needs_confirmation") return { status: "confirm", booked: error.booked.map(bookedView) };
  if (error.code === "reason_required")
    return { status: "confirm", booked: error.booked.map(bookedView), message: t.schedule.reasonRequired };
  return null;
}

const confirmation = {
  confirmed: z.array(z.uuid()).default([]),
  reason: z.string().trim().max(500).optional(),
};
/** The options of a form that removes slots: the reservations confirmed for cancelling are a list even when one
 * box is ticked. */
const retiring = { roles: STAFF_ROLES, ...staffFormAnswers, listFields: ["confirmed"] };

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
