import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ActionButton } from "@/components/payments/action-button";
import { GatewayPoller } from "@/components/payments/gateway-poller";
import { PaymentNotFound } from "@/components/payments/payment-not-found";
import { ReceiptLink } from "@/components/payments/receipt-view";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { paymentResultView, type PaymentResultView } from "@/lib/payments/payment-result";
import { recheckPaymentAction, retryPaymentAction } from "./actions";
import { BackToCardOffer } from "./back-to-card-offer";

const t = messages.payment;

export const metadata: Metadata = { title: t.resultTitle };

function anotherTimeHref(view: PaymentResultView) {
  // A move not made leaves the visit where it was: its list offers "change time" again.
  if (view.purpose === "reschedule") return "/appointments";
  return view.doctor ? `/doctors/${view.doctor.id}` : "/doctors";
}

function Paid({ view }: { view: PaymentResultView }) {
  const title =
    view.purpose === "chat"
      ? t.chatSuccessTitle
      : view.purpose === "topup"
        ? t.topupSuccessTitle
        : view.purpose === "reschedule"
          ? t.rescheduleSuccessTitle
          : t.successTitle;
  return (
    <section className="stack" aria-labelledby="result-title">
      <h1 id="result-title" className="alert success">
        {title}
      </h1>
      {view.purpose === "topup" && view.resumeIntentId ? <p>{messages.wallet.resumeHint}</p> : null}
      <dl className="summary">
        {view.doctor ? (
          <>
            <dt>{t.doctor}</dt>
            <dd>{view.doctor.name}</dd>
          </>
        ) : null}
        {view.slotStartsAt ? (
          <>
            <dt>{t.when}</dt>
            <dd>{formatJalaliDateTime(view.slotStartsAt)}</dd>
          </>
        ) : null}
        <dt>{t.amountPaid}</dt>
        <dd className="amount">{formatToman(view.amountRial)}</dd>
        {view.refId ? (
          <>
            <dt>{t.refId}</dt>
            <dd className="amount" data-testid="ref-id">
              {persianNumber(view.refId)}
            </dd>
          </>
        ) : null}
        {view.purpose === "topup" ? (
          <>
            <dt>{t.newBalance}</dt>
            <dd className="amount">{formatToman(view.walletBalanceRial)}</dd>
          </>
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
    </section>
  );
}

function Refunded({ view }: { view: PaymentResultView }) {
  return (
    <section className="stack" aria-labelledby="result-title">
      <h1 id="result-title" className="alert warning">
        {view.purpose === "reschedule" ? t.rescheduleRefundedTitle : t.refundedTitle}
      </h1>
      <p>{view.purpose === "reschedule" ? t.rescheduleRefundedBody(formatToman(view.amountRial)) : t.refundedBody(formatToman(view.amountRial))}</p>
      <BackToCardOffer attemptId={view.attemptId} />
      <dl className="summary">
        <dt>{t.newBalance}</dt>
        <dd className="amount" data-testid="wallet-balance">
          {formatToman(view.walletBalanceRial)}
        </dd>
        {view.refId ? (
          <>
            <dt>{t.refId}</dt>
            <dd className="amount">{persianNumber(view.refId)}</dd>
          </>
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
    </section>
  );
}

/** A failed top-up goes back to where it started: the purchase's payment choice, or the wallet. */
function FailedTopupLink({ view }: { view: PaymentResultView }) {
  return view.resumeIntentId ? (
    <Link className="button secondary" href={`/pay/shortfall/${view.resumeIntentId}`}>
      {messages.wallet.backToChoices}
    </Link>
  ) : (
    <Link className="button secondary" href="/wallet">
      {messages.wallet.toWallet}
    </Link>
  );
}

/** An old failed attempt whose retry was paid: nothing to retry, the paid one shows what was bought. */
function PaidByRetry({ paidAttemptId }: { paidAttemptId: string }) {
  return (
    <section className="stack" aria-labelledby="result-title">
      <h1 id="result-title" className="alert success">
        {t.paidByRetryTitle}
      </h1>
      <p>{t.paidByRetryBody}</p>
      <Link className="button" href={`/pay/result/${paidAttemptId}`}>
        {t.viewPaidResult}
      </Link>
    </section>
  );
}

function Failed({ view }: { view: PaymentResultView }) {
  if (view.paidByAttemptId) return <PaidByRetry paidAttemptId={view.paidByAttemptId} />;
  const topup = view.purpose === "topup";
  return (
    <section className="stack" aria-labelledby="result-title">
      <h1 id="result-title" className="alert error">
        {view.status === "abandoned" ? t.abandonedTitle : t.failedTitle}
      </h1>
      <p>
        {!view.reachedGateway
          ? t.gatewayDownBody[view.purpose]
          : view.status === "abandoned"
            ? t.abandonedBody
            : view.purpose === "topup"
              ? messages.wallet.topupFailedBody
              : t.failedBody[view.purpose]}
      </p>
      {view.retries > 0 ? <p className="hint">{t.retriesSoFar(view.retries)}</p> : null}
      <ActionButton action={retryPaymentAction} fields={{ attemptId: view.attemptId }} label={t.retry} />
      {topup ? (
        <FailedTopupLink view={view} />
      ) : (
        <Link className="button secondary" href={anotherTimeHref(view)}>
          {view.purpose === "chat" ? t.backToDoctor : t.chooseAnotherTime}
        </Link>
      )}
    </section>
  );
}

function Checking({ view }: { view: PaymentResultView }) {
  const verifying = view.status === "verifying";
  return (
    <section className="stack" aria-labelledby="result-title" aria-live="polite">
      <h1 id="result-title" className="alert info">
        {verifying ? t.verifyingTitle : t.pendingTitle}
      </h1>
      <p>{verifying ? t.verifyingBody : t.pendingBody}</p>
      <GatewayPoller recheck={recheckPaymentAction.bind(null, view.attemptId)} />
    </section>
  );
}

export default async function PaymentResultPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const user = await requireUser(`/pay/result/${attemptId}`);
  const view = z.uuid().safeParse(attemptId).success ? await paymentResultView(db(), user.userId, attemptId) : null;
  if (!view) return <PaymentNotFound />;
  return (
    <div className="card stack" style={{ maxWidth: 640, marginInline: "auto" }} data-status={view.status} data-outcome={view.outcome ?? ""}>
      {view.status === "paid" ? (
        view.outcome === "auto_refunded" ? <Refunded view={view} /> : <Paid view={view} />
      ) : view.status === "failed" || view.status === "abandoned" ? (
        <Failed view={view} />
      ) : (
        <Checking view={view} />
      )}
    </div>
  );
}
