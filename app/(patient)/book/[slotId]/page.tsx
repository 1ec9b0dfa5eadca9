import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import type { PersonChoice } from "@/components/patients/person-choice";
import { PayButtons } from "@/components/payments/pay-buttons";
import { LinkPending } from "@/components/ui/link-pending";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { reservationCheckoutView, type ReservationCheckoutView } from "@/lib/booking/checkout-view";
import { config } from "@/lib/config";
import { nearestFreeSlots, type FreeSlot } from "@/lib/directory/doctor-slots";
import { formatJalaliDateTime, formatJalaliShortDate, formatTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { checkoutPersonOptions } from "@/lib/patients/checkout-person";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { payForSlotAction } from "./actions";

const t = messages.payment;
const c = messages.patient.checkout;

const ALTERNATIVES = 6;

export const metadata: Metadata = { title: t.checkoutTitle };

/** Doctor, time and place; with `price`, also the fee and the wallet balance that the two ways to pay depend on. */
function Summary({ view, price }: { view: ReservationCheckoutView; price: boolean }) {
  return (
    <dl className="summary" aria-label={c.summaryLabel}>
      <dt>{t.doctor}</dt>
      <dd>
        <Link href={`/doctors/${view.doctor.id}`}>{view.doctor.name}</Link> — {view.doctor.title}
      </dd>
      <dt>{t.when}</dt>
      <dd data-testid="checkout-when">{formatJalaliDateTime(view.startsAt)}</dd>
      <dt>{t.clinic}</dt>
      <dd>
        {view.clinic.name} — {view.clinic.address}
      </dd>
      {price ? (
        <>
          <dt>{t.fee}</dt>
          <dd className="amount" data-testid="checkout-fee">
            {formatToman(view.feeRial)}
          </dd>
          <dt>{t.walletBalance}</dt>
          <dd className="amount" data-testid="checkout-wallet">
            {formatToman(view.walletBalanceRial)}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function PaySection({ view, person }: { view: ReservationCheckoutView; person: PersonChoice }) {
  const missingRial = view.feeRial - view.walletBalanceRial;
  return (
    <section className="stack" aria-labelledby="pay-heading">
      <h2 id="pay-heading">{c.howToPay}</h2>
      <p className="hint" data-testid="cancel-policy">
        {t.policy(config().cancelFullRefundHours)}
      </p>
      <PayButtons
        action={payForSlotAction}
        hidden={{ slotId: view.slotId }}
        person={person}
        walletHint={missingRial > 0 ? c.walletShort(formatToman(missingRial)) : c.walletEnough}
      />
      <p className="hint">{t.noRecordBeforePayment}</p>
    </section>
  );
}

/** The patient already holds this slot: nothing to pay again, and the way to their appointments. */
function AlreadyYours({ view }: { view: ReservationCheckoutView }) {
  return (
    <div className="stack" data-testid="slot-yours">
      <h1>{c.yoursTitle}</h1>
      <p className="alert success">{c.yoursBody}</p>
      <Summary view={view} price={false} />
      <div className="row">
        <Link className="button" href="/appointments">
          {c.viewAppointments}
        </Link>
        <Link className="button secondary" href={`/doctors/${view.doctor.id}`}>
          {c.allTimes}
        </Link>
      </div>
    </div>
  );
}

/** The slot was taken, closed or has passed since the patient saw it: say which, and offer the doctor's nearest
 * free times so that one tap books another. */
function SlotUnavailable({
  view,
  unavailable,
  alternatives,
}: {
  view: ReservationCheckoutView;
  unavailable: NonNullable<ReservationCheckoutView["unavailable"]>;
  alternatives: FreeSlot[];
}) {
  return (
    <div className="stack" data-testid="slot-unavailable">
      <h1>{c.unavailableTitle}</h1>
      <p className="alert error" role="alert">
        {checkoutErrorMessage(unavailable)}
      </p>
      <Summary view={view} price={false} />
      <section className="stack" aria-labelledby="alternatives-heading">
        <h2 id="alternatives-heading">{c.alternativesHeading(view.doctor.name)}</h2>
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
      <div className="row">
        <Link className="button secondary" href={`/doctors/${view.doctor.id}`}>
          {c.allTimes}
        </Link>
        <Link className="button link" href="/doctors">
          {c.otherDoctors}
        </Link>
      </div>
    </div>
  );
}

export default async function CheckoutPage({ params }: { params: Promise<{ slotId: string }> }) {
  const { slotId } = await params;
  if (!z.uuid().safeParse(slotId).success) notFound();
  const user = await requireUser(`/book/${slotId}`);
  const view = await reservationCheckoutView(db(), { slotId, userId: user.userId });
  if (!view) notFound();
  if (view.bookedByYou) {
    return (
      <div className="card checkout">
        <AlreadyYours view={view} />
      </div>
    );
  }
  if (view.unavailable) {
    const alternatives = await nearestFreeSlots(db(), { doctorId: view.doctor.id, around: view.startsAt, limit: ALTERNATIVES });
    return (
      <div className="card checkout">
        <SlotUnavailable view={view} unavailable={view.unavailable} alternatives={alternatives} />
      </div>
    );
  }
  return (
    <div className="card stack checkout">
      <h1>{t.checkoutTitle}</h1>
      <Summary view={view} price />
      <PaySection view={view} person={{ ...(await checkoutPersonOptions(db(), user.userId)), heading: "visit" }} />
    </div>
  );
}
