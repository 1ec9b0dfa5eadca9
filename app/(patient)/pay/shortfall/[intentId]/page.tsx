import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PaymentNotFound } from "@/components/payments/payment-not-found";
import { ActionButton } from "@/components/payments/action-button";
import { PurchaseGone } from "@/components/wallet/purchase-gone";
import { PurchaseSummary } from "@/components/wallet/purchase-summary";
import { requireUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { sealedPurchase } from "@/lib/checkout/sealed-purchase";
import { payWholeDirectAction, topUpShortfallAction } from "./actions";

const t = messages.wallet;

export const metadata: Metadata = { title: t.shortfallTitle };

/** The wallet could not pay: the purchase waits in its sealed intent while the patient picks how to go on. */
export default async function ShortfallPage({ params }: { params: Promise<{ intentId: string }> }) {
  const { intentId } = await params;
  const user = await requireUser(`/pay/shortfall/${intentId}`);
  const sealed = await sealedPurchase(user, intentId);
  if (!sealed) return <PaymentNotFound />;
  const { intent, view } = sealed;
  if (view.unavailable) return <PurchaseGone view={view} />;
  // Topped up in the meantime (another tab, a refund): nothing to choose any more.
  if (view.topupRial === 0) redirect(`/pay/confirm/${intent.id}`);
  const minRial = config().wallet.topupMinRial;

  return (
    <div className="card stack narrow-card">
      <h1>{t.shortfallTitle}</h1>
      <p className="alert warning">{t.shortfallBody(formatToman(view.priceRial), formatToman(view.walletBalanceRial))}</p>
      <PurchaseSummary view={view} extra={[{ label: t.shortfall, value: formatToman(view.shortfallRial), testId: "shortfall" }]} />
      <div className="options">
        <section className="option stack" aria-labelledby="option-topup">
          <h2 id="option-topup">{t.optionTopupTitle}</h2>
          <p>{t.optionTopupBody}</p>
          {view.shortfallRial < minRial ? <p className="hint">{t.topupMinimumNote(formatToman(minRial))}</p> : null}
          <ActionButton
            action={topUpShortfallAction}
            fields={{ intentId: intent.id }}
            label={t.topupDifference(formatToman(view.topupRial))}
          />
        </section>
        <section className="option stack" aria-labelledby="option-direct">
          <h2 id="option-direct">{t.optionDirectTitle}</h2>
          <p>{t.optionDirectBody}</p>
          <ActionButton
            action={payWholeDirectAction}
            fields={{ intentId: intent.id }}
            label={t.payWhole(formatToman(view.priceRial))}
            secondary
          />
        </section>
      </div>
      <p className="hint">{t.noRecordYet}</p>
      <Link href={`/doctors/${view.doctor.id}`}>{view.visit ? t.chooseAnother : t.backToDoctor}</Link>
    </div>
  );
}
