"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formError, type FormState } from "@/components/payments/form-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { checkoutPerson, checkoutPersonMessage } from "@/lib/patients/checkout-person";
import { checkout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { log } from "@/lib/shared/log";

const payForm = z.object({
  slotId: z.uuid(),
  method: z.enum(["gateway", "wallet"]),
  // "self" or a family member's id; checkoutPerson() decides whether that id is the patient's own.
  forWhom: z.union([z.literal("self"), z.uuid()]).default("self"),
  firstName: z.string().max(200).optional(),
  lastName: z.string().max(200).optional(),
});

export const payForSlotAction = validatedActionWithUser(
  { name: "checkout.pay-for-slot", schema: payForm, error: formError, signInReturnTo: ({ slotId }) => `/book/${slotId}` },
  async ({ slotId, method, ...personForm }, user): Promise<FormState> => {
    const values = { firstName: personForm.firstName ?? "", lastName: personForm.lastName ?? "", forWhom: personForm.forWhom };
    const person = await checkoutPerson(db(), user.userId, personForm);
    if (!person.ok) {
      log.info(`[checkout] slot ${slotId} not started for user ${user.userId}: ${person.error.code} (for ${personForm.forWhom})`);
      if (person.error.code === "invalid_input") return { fieldErrors: person.error.fieldErrors, values };
      return { error: checkoutPersonMessage(person.error), values };
    }
    const result = await checkout(user, { kind: "reservation", slotId, ...person.value }, method);
    if (!result.ok) {
      log.info(`[checkout] slot ${slotId} not started for user ${user.userId}: ${result.error.code}`);
      // Taken, closed or past while the patient was deciding: the checkout page itself explains it and offers the
      // doctor's nearest free times.
      if (result.error.code === "slot_unavailable") redirect(`/book/${slotId}`);
      return { error: checkoutErrorMessage(result.error), values };
    }
    redirect(result.value.redirectTo);
  },
);
