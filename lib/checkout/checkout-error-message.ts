import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { CheckoutError } from "./checkout-session";

const t = messages.payment.errors;

export function checkoutErrorMessage(error: CheckoutError): string {
  switch (error.code) {
    case "slot_unavailable":
      return t.slot_unavailable[error.reason];
    case "amount_out_of_range":
      return t.amount_out_of_range(formatToman(error.minRial), formatToman(error.maxRial));
    case "reschedule_refused":
      return messages.appointments.rescheduleErrors[error.reason];
    case "gateway_rejected":
      return t.gateway_rejected(error.gatewayCode);
    default:
      return t[error.code];
  }
}
