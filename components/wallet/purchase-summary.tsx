import Link from "next/link";
import { Fragment } from "react";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { PendingPurchaseView } from "@/lib/checkout/pending-purchase";

const t = messages.wallet;
const p = messages.payment;

/** What the sealed purchase is, what it costs and what the wallet holds; `extra` adds rows below. */
export function PurchaseSummary({
  view,
  extra = [],
}: {
  view: PendingPurchaseView;
  extra?: { label: string; value: string; testId?: string }[];
}) {
  return (
    <dl className="summary">
      <dt>{p.doctor}</dt>
      <dd>
        <Link href={`/doctors/${view.doctor.id}`}>{view.doctor.name}</Link> — {view.doctor.title}
      </dd>
      {view.visit ? (
        <>
          <dt>{p.when}</dt>
          <dd data-testid="purchase-when">{formatJalaliDateTime(view.visit.startsAt)}</dd>
          <dt>{p.clinic}</dt>
          <dd>
            {view.visit.clinicName} — {view.visit.clinicAddress}
          </dd>
        </>
      ) : null}
      {view.question ? (
        <>
          <dt>{t.question}</dt>
          <dd className="question-excerpt">{view.question}</dd>
        </>
      ) : null}
      <dt>{t.price}</dt>
      <dd className="amount">{formatToman(view.priceRial)}</dd>
      <dt>{t.walletBalance}</dt>
      <dd className="amount" data-testid="wallet-balance">
        {formatToman(view.walletBalanceRial)}
      </dd>
      {extra.map((row) => (
        <Fragment key={row.label}>
          <dt>{row.label}</dt>
          <dd className="amount" data-testid={row.testId}>
            {row.value}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
