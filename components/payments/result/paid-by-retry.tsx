import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { ResultSection } from "./result-section";

const t = messages.payment;

/** An old failed attempt whose retry was paid: nothing to retry, the paid one shows what was bought. */
export function PaidByRetry({ paidAttemptId }: { paidAttemptId: string }) {
  return (
    <ResultSection tone="success" title={t.paidByRetryTitle}>
      <p>{t.paidByRetryBody}</p>
      <Link className="button" href={`/pay/result/${paidAttemptId}`}>
        {t.viewPaidResult}
      </Link>
    </ResultSection>
  );
}
