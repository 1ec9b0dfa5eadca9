import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import type { ReservationCheckoutView } from "@/lib/checkout/checkout-view";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import type { FreeSlot } from "@/lib/directory/doctor-slots";
import { formatJalaliShortDate, formatTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { CheckoutSummary } from "./checkout-summary";

const c = messages.patient.checkout;

/** The doctor's nearest free times, each one tap from its own checkout. */
function Alternatives({ doctorName, alternatives }: { doctorName: string; alternatives: FreeSlot[] }) {
  return (
    <section className="stack" aria-labelledby="alternatives-heading">
      <h2 id="alternatives-heading">{c.alternativesHeading(doctorName)}</h2>
      {alternatives.length > 0 ? (
        <ul className="alt-slots">
          {alternatives.map((slot) => {
            const when = c.alternativeWhen(formatJalaliShortDate(slot.startsAt), formatTime(slot.startsAt));
            return (
              <li key={slot.id}>
                <Link href={`/book/${slot.id}`} prefetch={false} className="slot-link" aria-label={c.alternativeLabel(when)}>
                  {when}
                  <LinkPending />
                </Link>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{c.noAlternatives}</p>
      )}
    </section>
  );
}

/** The slot was taken, closed or has passed since the patient saw it: say which, and offer the doctor's nearest
 * free times so that one tap books another. */
export function SlotUnavailable({
  view,
  unavailable,
  alternatives,
}: {
  view: ReservationCheckoutView;
  unavailable: NonNullable<ReservationCheckoutView["unavailable"]>;
  alternatives: FreeSlot[];
}) {
  return (
    <div className="card checkout">
      <div className="stack" data-testid="slot-unavailable">
        <h1>{c.unavailableTitle}</h1>
        <p className="alert error" role="alert">
          {checkoutErrorMessage(unavailable)}
        </p>
        <CheckoutSummary view={view} price={false} />
        <Alternatives doctorName={view.doctor.name} alternatives={alternatives} />
        <div className="row">
          <Link className="button secondary" href={`/doctors/${view.doctor.id}`}>
            {c.allTimes}
          </Link>
          <Link className="button link" href="/doctors">
            {c.otherDoctors}
          </Link>
        </div>
      </div>
    </div>
  );
}
