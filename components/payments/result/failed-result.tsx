import Link from "next/link";
import { ActionButton } from "@/components/payments/action-button";
import type { FormState } from "@/components/payments/form-state";
import { messages } from "@/lib/i18n/messages";
import type { PaymentResultView } from "@/lib/payments/payment-result";
import { PaidByRetry } from "./paid-by-retry";
import { anotherTimeHref } from "./result-links";
import { ResultSection } from "./result-section";

const t = messages.payment;

export type RetryAction = (state: FormState, formData: FormData) => Promise<FormState>;

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

/** Failed or abandoned: why (the gateway never reached, refused, or left), a retry, and a way back. */
export function FailedResult({ view, retry }: { view: PaymentResultView; retry: RetryAction }) {
  if (view.paidByAttemptId) return <PaidByRetry paidAttemptId={view.paidByAttemptId} />;
  return (
    <ResultSection tone="error" title={view.status === "abandoned" ? t.abandonedTitle : t.failedTitle}>
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
      <ActionButton action={retry} fields={{ attemptId: view.attemptId }} label={t.retry} />
      {view.purpose === "topup" ? (
        <FailedTopupLink view={view} />
      ) : (
        <Link className="button secondary" href={anotherTimeHref(view)}>
          {view.purpose === "chat" ? t.backToDoctor : t.chooseAnotherTime}
        </Link>
      )}
    </ResultSection>
  );
}
