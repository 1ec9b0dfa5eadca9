import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

const t = messages.wallet;

/** The intent cookie is gone or expired: nothing was bought, and whatever was topped up is in the wallet. */
export function PurchaseExpired() {
  return (
    <div className="card stack narrow-card">
      <h1 className="alert warning">{messages.payment.notFoundTitle}</h1>
      <p>{t.expiredBody}</p>
      <div className="row">
        <Link className="button" href="/doctors">
          {messages.payment.backToBooking}
        </Link>
        <Link className="button secondary" href="/wallet">
          {t.toWallet}
        </Link>
      </div>
    </div>
  );
}
