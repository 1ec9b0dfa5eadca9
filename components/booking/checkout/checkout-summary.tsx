import Link from "next/link";
import { SummaryFact } from "@/components/ui/summary-fact";
import type { ReservationCheckoutView } from "@/lib/checkout/checkout-view";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.payment;
const c = messages.patient.checkout;

/** Doctor, time and place; with `price`, also the fee and the wallet balance that the two ways to pay depend on. */
export function CheckoutSummary({ view, price }: { view: ReservationCheckoutView; price: boolean }) {
  return (
    <dl className="summary" aria-label={c.summaryLabel}>
      <SummaryFact label={t.doctor}>
        <Link href={`/doctors/${view.doctor.id}`}>{view.doctor.name}</Link> — {view.doctor.title}
      </SummaryFact>
      <SummaryFact label={t.when} testId="checkout-when">
        {formatJalaliDateTime(view.startsAt)}
      </SummaryFact>
      <SummaryFact label={t.clinic}>
        {view.clinic.name} — {view.clinic.address}
      </SummaryFact>
      {price ? (
        <>
          <SummaryFact label={t.fee} className="amount" testId="checkout-fee">
            {formatToman(view.feeRial)}
          </SummaryFact>
          <SummaryFact label={t.walletBalance} className="amount" testId="checkout-wallet">
            {formatToman(view.walletBalanceRial)}
          </SummaryFact>
        </>
      ) : null}
    </dl>
  );
}
