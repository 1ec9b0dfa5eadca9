"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { markAttendance } from "@/lib/staff/attendance";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.staff;

const attendanceForm = z.object({ reservationId: z.uuid(), attendance: z.enum(["attended", "no_show"]) });

export const markAttendanceAction = validatedActionWithUser(
  { name: "staff.mark-attendance", schema: attendanceForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const result = await markAttendance(db(), user, input);
    return result.ok
      ? { status: "done", message: t.appointments.attendanceSaved }
      : { status: "error", message: t.errors[result.error.code] };
  },
);

const cancelForm = z.object({ reservationId: z.uuid(), reason: z.string().trim().max(500).default("") });

export const cancelReservationAction = validatedActionWithUser(
  { name: "staff.cancel-reservation", schema: cancelForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    if (!input.reason) return { status: "error", message: t.errors.reason_required };
    const result = await cancelReservationAsStaff(
      db(),
      user,
      { reservationId: input.reservationId, reason: input.reason },
      { fullRefundHours: config().cancelFullRefundHours },
    );
    if (result.ok) return { status: "done", message: t.appointments.cancelled(formatToman(result.value.refundRial)) };
    const code = result.error.code;
    return {
      status: "error",
      message:
        code === "reservation_not_found" || code === "not_cancellable" || code === "reason_required" ? t.errors[code] : t.errors.generic,
    };
  },
);
