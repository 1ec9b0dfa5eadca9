import "server-only";
import { z } from "zod";
import { type BookedView, staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { CloseError } from "@/lib/staff/slot-closing";
import type { BookedSlot, Refund } from "@/lib/staff/slot-retirement";
import type { ScheduleUpdateError } from "@/lib/staff/weekly-schedule";

/* How the forms that remove slots answer — closing a slot or a day, changing the weekly hours — shared by the
 * staff schedule's actions and the day off the doctor's own page posts (app/actions/close-day.ts). */

const t = messages.staff;

const bookedView = (b: BookedSlot): BookedView => ({
  reservationId: b.reservationId,
  line: t.schedule.bookedLine(
    formatJalaliDateTime(b.startsAt),
    `${b.patientName ?? ""} (${persianNumber(b.patientPhone)})`.trim(),
    formatToman(b.amountRial),
  ),
});

export const refundLines = (refunds: Refund[]) =>
  refunds.map((r) => t.schedule.refundedTo(`${r.patientName ?? ""} (${persianNumber(r.patientPhone)})`.trim(), formatToman(r.refundRial)));

/** Errors every slot-removing action shares: confirm first, or a reason is missing. */
export function retireErrorState(error: CloseError | ScheduleUpdateError): StaffActionState | null {
  if (error.code === "needs_confirmation") return { status: "confirm", booked: error.booked.map(bookedView) };
  if (error.code === "reason_required")
    return { status: "confirm", booked: error.booked.map(bookedView), message: t.schedule.reasonRequired };
  return null;
}

export const confirmation = {
  confirmed: z.array(z.uuid()).default([]),
  reason: z.string().trim().max(500).optional(),
};
/** The options of a form that removes slots: the reservations confirmed for cancelling are a list even when one
 * box is ticked. */
export const retiring = { roles: STAFF_ROLES, ...staffFormAnswers, listFields: ["confirmed"] };
