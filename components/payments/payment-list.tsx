import Link from "next/link";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { MyPayment } from "@/lib/payments/my-payments";
import { ReceiptLink } from "./receipt-view";

const t = messages.patient.payments;

const statusOf = (payment: MyPayment) => (payment.outcome === "auto_refunded" ? "auto_refunded" : payment.status);
const BADGE: Record<ReturnType<typeof statusOf>, string> = {
  paid: "payment-paid",
  auto_refunded: "payment-verifying",
  verifying: "payment-verifying",
  pending: "payment-verifying",
  failed: "payment-failed",
  abandoned: "payment-abandoned",
};

/** Every payment leads to its result screen: the one place a failed payment is retried or a refund explained. */
export function PaymentList({ payments }: { payments: MyPayment[] }) {
  if (payments.length === 0) {
    return (
      <p className="card">
        {t.empty} <Link href="/doctors">{t.findDoctor}</Link>
      </p>
    );
  }
  return (
    <ul className="card payment-list">
      {payments.map((payment) => {
        const status = statusOf(payment);
        return (
          <li key={payment.attemptId} className="payment-item" data-testid="payment" data-status={status}>
            <div className="payment-main">
              <Link href={`/pay/result/${payment.attemptId}`}>{t.purpose[payment.purpose](payment.doctorName)}</Link>
              <p className="hint">
                <time dateTime={payment.createdAt.toISOString()}>{formatJalaliDateTime(payment.createdAt)}</time> ·{" "}
                {payment.viaWallet ? t.method.wallet : t.method.gateway}
              </p>
              {payment.status === "paid" && payment.outcome === "fulfilled" ? <ReceiptLink attemptId={payment.attemptId} /> : null}
            </div>
            <div className="payment-money">
              <span className="amount">{formatToman(payment.amountRial)}</span>
              <span className={`badge ${BADGE[status]}`}>{t.status[status]}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Shaped like a few rows of the list while it loads. */
export function PaymentListSkeleton() {
  return (
    <div className="card payment-list" aria-busy="true">
      <span className="visually-hidden" role="status">
        {messages.common.loading}
      </span>
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="payment-item" aria-hidden="true">
          <div className="payment-main">
            <span className="skeleton skeleton-line" style={{ width: "55%", height: "1.6em" }} />
            <span className="skeleton skeleton-line" style={{ width: "70%" }} />
          </div>
          <span className="skeleton skeleton-line" style={{ width: "7rem" }} />
        </div>
      ))}
    </div>
  );
}
