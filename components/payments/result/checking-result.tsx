import { GatewayPoller } from "@/components/payments/gateway-poller";
import { messages } from "@/lib/i18n/messages";
import type { PaymentResultView } from "@/lib/payments/payment-result";
import { ResultSection } from "./result-section";

const t = messages.payment;

/** Still open (the gateway's return not yet seen, or being verified): says so and keeps asking. */
export function CheckingResult({ view, recheck }: { view: PaymentResultView; recheck: () => Promise<boolean> }) {
  const verifying = view.status === "verifying";
  return (
    <ResultSection tone="info" title={verifying ? t.verifyingTitle : t.pendingTitle} live>
      <p>{verifying ? t.verifyingBody : t.pendingBody}</p>
      <GatewayPoller recheck={recheck} />
    </ResultSection>
  );
}
