"use server";

import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { markAttendance } from "@/lib/staff/attendance";
import { staffAction } from "../staff-action";

const t = messages.staff;

const attendanceForm = z.object({ reservationId: z.uuid(), attendance: z.enum(["attended", "no_show"]) });

export async function markAttendanceAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return staffAction("markAttendance", formData, attendanceForm, async (user, input) => {
    const result = await markAttendance(db(), user, input);
    return result.ok ? { status: "done", message: t.appointments.attendanceSaved } : { status: "error", message: t.errors[result.error.code] };
  });
}

const cancelForm = z.object({ reservationId: z.uuid(), reason: z.string().trim().max(500).default("") });

export async function cancelReservationAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return staffAction("cancelReservation", formData, cancelForm, async (user, input) => {
    if (!input.reason) return { status: "error", message: t.errors.reason_required };
    const result = await cancelReservationAsStaff(
      db(),
      user,
      { reservationId: input.reservationId, reason: input.reason },
      { fullRefundHours: config().cancelFullRefundHours },
    );
    if (result.ok) return { status: "done", message: t.appointments.cancelled(formatToman(result.value.refundRial)) };
    const code = result.error.code;
    return { status: "error", message: code === "reservation_not_found" || code === "not_cancellable" || code === "reason_required" ? t.errors[code] : t.errors.generic };
  });
}
