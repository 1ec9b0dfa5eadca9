import type { PaymentResultView } from "@/lib/payments/payment-result";

/** Where to book again after a refund or a failure: the same doctor's page, or the directory; a move not made
 * leaves the visit where it was, and its list offers "change time" again. */
export function anotherTimeHref(view: PaymentResultView): string {
  if (view.purpose === "reschedule") return "/appointments";
  return view.doctor ? `/doctors/${view.doctor.id}` : "/doctors";
}
