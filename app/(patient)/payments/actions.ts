"use server";

import { z } from "zod";
import { validatedCallWithUser } from "@/lib/auth/validated-action";
import { recheckMyPayments } from "@/lib/checkout/checkout-session";

/** Polled by "my payments" while a payment in the list is open, with no argument: asks the gateway about the
 * patient's open payments (throttled) and answers whether any is still open; any refusal answers "none". */
export const recheckMyPaymentsAction = validatedCallWithUser(
  { name: "payments.recheck-mine", schema: z.undefined(), error: () => false },
  async (_none, user) => recheckMyPayments(user),
);
