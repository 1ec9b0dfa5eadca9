import type { ReactNode } from "react";
import type { PaymentResultView } from "@/lib/payments/payment-result";
import { CheckingResult } from "./checking-result";
import { FailedResult, type RetryAction } from "./failed-result";
import { PaidResult } from "./paid-result";
import { RefundedResult } from "./refunded-result";

/** The result screen of a payment, by its status and outcome. `recheck` asks the gateway about this attempt
 * while it is open; `retry` starts a new attempt for the same purchase. */
export function PaymentResult({
  view,
  retry,
  recheck,
  backToCard,
}: {
  view: PaymentResultView;
  retry: RetryAction;
  recheck: () => Promise<boolean>;
  backToCard?: ReactNode;
}) {
  return (
    <div className="card stack narrow-page" data-status={view.status} data-outcome={view.outcome ?? ""}>
      {view.status === "paid" ? (
        view.outcome === "auto_refunded" ? (
          <RefundedResult view={view} backToCard={backToCard} />
        ) : (
          <PaidResult view={view} />
        )
      ) : view.status === "failed" || view.status === "abandoned" ? (
        <FailedResult view={view} retry={retry} />
      ) : (
        <CheckingResult view={view} recheck={recheck} />
      )}
    </div>
  );
}
