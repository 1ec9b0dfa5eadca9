import Link from "next/link";
import type { ReservationCheckoutView } from "@/lib/checkout/checkout-view";
import { messages } from "@/lib/i18n/messages";
import { CheckoutSummary } from "./checkout-summary";

const c = messages.patient.checkout;

/** The patient already holds this slot: nothing to pay again, and the way to their appointments. */
export function SlotAlreadyYours({ view }: { view: ReservationCheckoutView }) {
  return (
    <div className="card checkout">
      <div className="stack" data-testid="slot-yours">
        <h1>{c.yoursTitle}</h1>
        <p className="alert success">{c.yoursBody}</p>
        <CheckoutSummary view={view} price={false} />
        <div className="row">
          <Link className="button" href="/appointments">
            {c.viewAppointments}
          </Link>
          <Link className="button secondary" href={`/doctors/${view.doctor.id}`}>
            {c.allTimes}
          </Link>
        </div>
      </div>
    </div>
  );
}
