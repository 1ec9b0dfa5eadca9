"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { RescheduleFormState } from "@/components/booking/reschedule-confirm-form";
import type { FormState } from "@/components/payments/form-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { moveOwnReservation, quoteReschedule } from "@/lib/booking/reschedule";
import { checkout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";

const t = messages.appointments.rescheduleErrors;
const policy = () => ({ fullRefundHours: config().cancelFullRefundHours });

const moveFields = { reservationId: z.uuid(), fromSlotId: z.uuid(), slotId: z.uuid() };
const pagePath = (input: { reservationId: string; slotId: string }) =>
  `/appointments/${input.reservationId}/reschedule?slot=${input.slotId}`;

/** The same fee or a lower one: moved at once (the difference, if any, back to the wallet). */
export const moveAppointmentAction = validatedActionWithUser(
  {
    name: "appointments.reschedule",
    schema: z.object({ ...moveFields, expectedDifferenceRial: z.coerce.number().int().max(0) }),
    error: (message): RescheduleFormState => ({ error: message }),
    signInReturnTo: pagePath,
  },
  async (input, user): Promise<RescheduleFormState> => {
    const moved = await moveOwnReservation(db(), user, input, policy());
    if (moved.ok) redirect(`/appointments?moved=${moved.value.reservationId}`);
    log.warn(`[booking] reschedule of ${input.reservationId} to ${input.slotId} refused for user ${user.userId}: ${moved.error.code}`);
    return { error: t[moved.error.code] };
  },
);

/** A dearer time: the difference is paid through the checkout (gateway or wallet); the move is made by the
 * payment engine once that payment is verified. */
export const payRescheduleAction = validatedActionWithUser(
  {
    name: "appointments.reschedule-pay",
    schema: z.object({ ...moveFields, method: z.enum(["gateway", "wallet"]) }),
    error: (message): FormState => ({ error: message }),
    signInReturnTo: pagePath,
  },
  async ({ method, ...input }, user): Promise<FormState> => {
    // The product prices a target without knowing who asks: whose reservation it is is checked here first
    // (and again against the payer when the payment is fulfilled).
    const quote = await quoteReschedule(
      db(),
      { patientId: user.userId, reservationId: input.reservationId, slotId: input.slotId },
      policy(),
    );
    if (!quote.ok || quote.value.fromSlotId !== input.fromSlotId) {
      const code = quote.ok ? "moved_meanwhile" : quote.error.code;
      log.warn(`[booking] reschedule payment of ${input.reservationId} to ${input.slotId} refused for user ${user.userId}: ${code}`);
      return { error: t[code] };
    }
    const result = await checkout(user, { kind: "reschedule", ...input }, method);
    if (!result.ok) {
      log.info(`[checkout] reschedule of ${input.reservationId} not started for user ${user.userId}: ${result.error.code}`);
      return { error: checkoutErrorMessage(result.error) };
    }
    redirect(result.value.redirectTo);
  },
);
