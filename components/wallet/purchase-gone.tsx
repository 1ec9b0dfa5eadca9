import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import type { PendingPurchaseView } from "@/lib/checkout/pending-purchase";

const t = messages.wallet;

/** The sealed purchase can no longer be had (the slot was taken meanwhile): nothing was debited and any
 * top-up stays in the wallet. */
export function PurchaseGone({ view }: { view: PendingPurchaseView }) {
  if (!view.unavailable) return null;
  return (
    <div className="card stack narrow-card" data-testid="purchase-gone">
      <h1 className="alert warning">{t.goneTitle}</h1>
      <p role="alert">{checkoutErrorMessage(view.unavailable)}</p>
      <p>{t.goneBody}</p>
      <div className="row">
        <Link className="button" href={`/doctors/${view.doctor.id}`}>
          {view.visit ? t.chooseAnother : t.backToDoctor}
        </Link>
        <Link className="button secondary" href="/wallet">
          {t.toWallet}
        </Link>
      </div>
    </div>
  );
}
