import type { PaymentResultView } from "@/lib/payments/payment-result";

/** Where to book again after a refund or a failure: the same doctor's page, or the directory. */
export function anotherTimeHref(view: PaymentResultView): string {
  return view.doctor ? `/doctors/${view.doctor.id}` : "/doctors";
}
