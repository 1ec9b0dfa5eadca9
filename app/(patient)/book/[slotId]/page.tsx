import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PayButtons } from "@/components/payments/pay-buttons";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { reservationCheckoutView } from "@/lib/booking/checkout-view";
import { config } from "@/lib/config";
import { formatJalaliDate, formatTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { checkoutErrorMessage } from "@/lib/payments/checkout-error-message";
import { payForSlotAction } from "./actions";

const t = messages.payment;

export const metadata: Metadata = { title: t.checkoutTitle };

export default async function CheckoutPage({ params }: { params: Promise<{ slotId: string }> }) {
  const { slotId } = await params;
  if (!z.uuid().safeParse(slotId).success) notFound();
  const user = await requireUser(`/book/${slotId}`);
  const view = await reservationCheckoutView(db(), { slotId, userId: user.userId });
  if (!view) notFound();

  return (
    <div className="card stack" style={{ maxWidth: 640, marginInline: "auto" }}>
      <h1>{t.checkoutTitle}</h1>
      <dl className="summary">
        <dt>{t.doctor}</dt>
        <dd>
          <Link href={`/doctors/${view.doctor.id}`}>{view.doctor.name}</Link> — {view.doctor.title}
        </dd>
        <dt>{t.when}</dt>
        <dd>
          {formatJalaliDate(view.startsAt)}، ساعت {formatTime(view.startsAt)}
        </dd>
        <dt>{t.clinic}</dt>
        <dd>
          {view.clinic.name} — {view.clinic.address}
        </dd>
        <dt>{t.fee}</dt>
        <dd className="amount">{formatToman(view.feeRial)}</dd>
        <dt>{t.walletBalance}</dt>
        <dd className="amount">{formatToman(view.walletBalanceRial)}</dd>
      </dl>
      {view.unavailable ? (
        <div className="stack">
          <p className="alert error" role="alert">
            {checkoutErrorMessage(view.unavailable)}
          </p>
          <Link className="button secondary" href={`/doctors/${view.doctor.id}`}>
            {t.chooseAnotherTime}
          </Link>
        </div>
      ) : (
        <>
          <p className="hint">{t.policy(config().cancelFullRefundHours)}</p>
          <p className="hint">{t.noRecordBeforePayment}</p>
          <PayButtons action={payForSlotAction} hidden={{ slotId: view.slotId }} />
        </>
      )}
    </div>
  );
}
