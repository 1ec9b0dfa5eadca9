"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { CancelFormState } from "@/components/booking/cancel-reservation-form";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";

const cancelForm = z.object({ reservationId: z.uuid(), expectedRefundRial: z.coerce.number().int().min(0) });
const t = messages.appointments.cancelErrors;

export const cancelAppointmentAction = validatedActionWithUser(
  {
    name: "booking.cancel",
    schema: cancelForm,
    error: (message): CancelFormState => ({ error: message }),
    signInReturnTo: "/appointments",
  },
  async (input, user) => {
    // Whoever booked cancels here by the patient's rule, whatever their role: a doctor books as a patient too.
    const result = await cancelOwnReservation(db(), user, input, { fullRefundHours: config().cancelFullRefundHours });
    if (result.ok) redirect(`/appointments?cancelled=${result.value.reservationId}`);
    const error = result.error;
    log.warn(`[booking] cancel refused for user ${user.userId}, reservation ${input.reservationId}: ${error.code}`);
    if (error.code === "refund_changed")
      return { error: t.refund_changed(formatToman(error.refundRial)), expectedRefundRial: error.refundRial };
    return { error: t[error.code] };
  },
);
