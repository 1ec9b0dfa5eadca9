"use server";

import { currentUser } from "@/lib/auth/current-user";
import { recheckMyPayments } from "@/lib/checkout/checkout-session";

/** Polled by "my payments" while a payment in the list is open: asks the gateway about the patient's open
 * payments (throttled) and answers whether any is still open. */
export async function recheckMyPaymentsAction(): Promise<boolean> {
  const user = await currentUser();
  if (!user) return false;
  return recheckMyPayments(user);
}
