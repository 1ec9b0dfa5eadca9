import Link from "next/link";
import type { ReactNode } from "react";
import { SummaryFact } from "@/components/ui/summary-fact";
import { formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { PaymentResultView } from "@/lib/payments/payment-result";
import { anotherTimeHref } from "./result-links";
import { ResultSection } from "./result-section";

const t = messages.payment;

/** Paid, but the slot was taken meanwhile: the money went to the wallet. `backToCard` is the offer to send it
 * back to the card instead, when the gateway still allows it (the route reads it: it needs the database). */
export function RefundedResult({ view, backToCard }: { view: PaymentResultView; backToCard?: ReactNode }) {
  const reschedule = view.purpose === "reschedule";
  return (
    <ResultSection tone="warning" title={reschedule ? t.rescheduleRefundedTitle : t.refundedTitle}>
      <p>{reschedule ? t.rescheduleRefundedBody(formatToman(view.amountRial)) : t.refundedBody(formatToman(view.amountRial))}</p>
      {backToCard}
      <dl className="summary">
        <SummaryFact label={t.newBalance} className="amount" testId="wallet-balance">
          {formatToman(view.walletBalanceRial)}
        </SummaryFact>
        {view.refId ? (
          <SummaryFact label={t.refId} className="amount">
            {persianNumber(view.refId)}
          </SummaryFact>
        ) : null}
      </dl>
      <div className="row">
        <Link className="button" href={anotherTimeHref(view)}>
          {t.bookAgain}
        </Link>
        <Link className="button secondary" href="/wallet">
          {t.viewWallet}
        </Link>
      </div>
    </ResultSection>
  );
}
