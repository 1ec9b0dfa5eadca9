import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

const t = messages.payment;

export function PaymentNotFound() {
  return (
    <div className="card stack narrow-page">
      <h1 className="alert warning">{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link className="button" href="/doctors">
        {t.backToBooking}
      </Link>
    </div>
  );
}
