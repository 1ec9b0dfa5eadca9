"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { CancelFormState } from "@/components/booking/cancel-reservation-form";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { formEntries } from "@/lib/shared/client-text";

const cancelForm = z.object({ reservationId: z.uuid(), expectedRefundRial: z.coerce.number().int().min(0) });
const t = messages.appointments.cancelErrors;

export async function cancelAppointmentAction(_prev: CancelFormState, formData: FormData): Promise<CancelFormState> {
  const parsed = cancelForm.safeParse(formEntries(formData));
  if (!parsed.success) return { error: messages.common.genericError };
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/appointments")}`);
  // Whoever booked cancels here by the patient's rule, whatever their role: a doctor books as a patient too.
  const result = await cancelOwnReservation(db(), user, parsed.data, { fullRefundHours: config().cancelFullRefundHours });
  if (result.ok) redirect(`/appointments?cancelled=${result.value.reservationId}`);
  const error = result.error;
  console.warn(`[booking] cancel refused for user ${user.userId}, reservation ${parsed.data.reservationId}: ${error.code}`);
  if (error.code === "refund_changed") return { error: t.refund_changed(formatToman(error.refundRial)), expectedRefundRial: error.refundRial };
  return { error: t[error.code] };
}
