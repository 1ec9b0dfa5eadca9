import Link from "next/link";
import { ReceiptLink } from "@/components/payments/receipt-view";
import { SummaryFact } from "@/components/ui/summary-fact";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { PaymentResultView } from "@/lib/payments/payment-result";
import { ResultSection } from "./result-section";

const t = messages.payment;

/** Paid and fulfilled: what was bought, the gateway's reference, and the way to it. */
export function PaidResult({ view }: { view: PaymentResultView }) {
  const title =
    view.purpose === "chat"
      ? t.chatSuccessTitle
      : view.purpose === "topup"
        ? t.topupSuccessTitle
        : view.purpose === "reschedule"
          ? t.rescheduleSuccessTitle
          : t.successTitle;
  return (
    <ResultSection tone="success" title={title}>
      {view.purpose === "topup" && view.resumeIntentId ? <p>{messages.wallet.resumeHint}</p> : null}
      <dl className="summary">
        {view.doctor ? <SummaryFact label={t.doctor}>{view.doctor.name}</SummaryFact> : null}
        {view.slotStartsAt ? <SummaryFact label={t.when}>{formatJalaliDateTime(view.slotStartsAt)}</SummaryFact> : null}
        <SummaryFact label={t.amountPaid} className="amount">
          {formatToman(view.amountRial)}
        </SummaryFact>
        {view.refId ? (
          <SummaryFact label={t.refId} className="amount" testId="ref-id">
            {persianNumber(view.refId)}
          </SummaryFact>
        ) : null}
        {view.purpose === "topup" ? (
          <SummaryFact label={t.newBalance} className="amount">
            {formatToman(view.walletBalanceRial)}
          </SummaryFact>
        ) : null}
      </dl>
      <div className="row">
        {view.purpose === "reservation" || view.purpose === "reschedule" ? (
          <Link className="button" href="/appointments">
            {t.viewAppointments}
          </Link>
        ) : null}
        {view.purpose === "chat" && view.chatRequestId ? (
          <Link className="button" href={`/chats/${view.chatRequestId}`}>
            {t.viewChat}
          </Link>
        ) : null}
        {view.purpose === "topup" && view.resumeIntentId ? (
          <Link className="button" href={`/pay/confirm/${view.resumeIntentId}`}>
            {t.continuePurchase}
          </Link>
        ) : null}
        {view.purpose === "topup" ? (
          <Link className="button secondary" href="/wallet">
            {t.viewWallet}
          </Link>
        ) : null}
        <ReceiptLink attemptId={view.attemptId} className="button secondary" />
      </div>
    </ResultSection>
  );
}
