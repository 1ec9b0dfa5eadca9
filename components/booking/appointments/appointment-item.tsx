import Link from "next/link";
import type { Appointment } from "@/lib/booking/my-appointments";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForText } from "@/lib/patients/visit-for-text";
import { ReceiptLink } from "@/components/payments/receipt-view";
import { CancelConfirm, type CancelStep } from "./cancel-confirm";

const t = messages.appointments;

/** Doctor, time, place, fee and whom it is for; what happened to it (clinic cancellation, delay, refund); and
 * what can be done with it (calendar file, receipt, review, change of time while `reschedulable`, cancel —
 * with its confirm step when `cancel` is for it). */
export function AppointmentItem({
  appointment: a,
  now,
  reviewable,
  reschedulable,
  cancel,
}: {
  appointment: Appointment;
  now: Date;
  reviewable: boolean;
  reschedulable: boolean;
  cancel?: CancelStep;
}) {
  const upcoming = a.status === "confirmed" && a.startsAt > now;
  const confirming = upcoming && cancel?.appointmentId === a.id;
  return (
    // The id is the address SMS messages link to (appointmentPath): /appointments#<reservation>.
    <li id={a.id} className="card stack appointment" data-testid="appointment" data-status={a.status}>
      <div>
        <p>
          <strong>
            <Link href={`/doctors/${a.doctorId}`}>{a.doctorName}</Link>
          </strong>{" "}
          <span className="badge">{t.status[a.status]}</span>
        </p>
        <p className="muted">
          {formatJalaliDateTime(a.startsAt)} · {a.clinicName} · <span className="amount">{formatToman(a.amountRial)}</span>
        </p>
        <p className="hint" data-testid="appointment-for">
          {visitForText(a) ?? t.forSelf}
        </p>
        {a.status === "cancelled" && a.clinicCancelReason ? (
          <p className="alert warning" data-testid="clinic-cancel-reason">
            {t.clinicCancelled(a.clinicCancelReason)}
          </p>
        ) : null}
        {upcoming && a.delayMinutes ? (
          <p className="alert warning" data-testid="delay-notice">
            {messages.notifications.delayNotice(persianNumber(a.delayMinutes))}
          </p>
        ) : null}
        {a.refundRial ? <p className="hint">{t.refunded(formatToman(a.refundRial))}</p> : null}
      </div>
      <div className="row">
        {a.status !== "cancelled" && a.startsAt > now ? (
          <a className="button link" href={`/appointments/${a.id}/calendar.ics`} download data-testid="add-to-calendar">
            {t.addToCalendar}
          </a>
        ) : null}
        <ReceiptLink attemptId={a.paymentAttemptId} />
      </div>
      {reviewable ? (
        <div>
          <Link className="button secondary" href={`/appointments/${a.id}/review`}>
            {messages.reviews.rateVisit}
          </Link>
        </div>
      ) : null}
      {confirming && cancel ? <CancelConfirm appointment={a} step={cancel} /> : null}
      {upcoming && !confirming ? (
        <div className="row">
          {reschedulable ? (
            <Link className="button secondary" href={`/appointments/${a.id}/reschedule`} data-testid="reschedule">
              {t.reschedule}
            </Link>
          ) : null}
          <Link className="button secondary" href={`/appointments?cancel=${a.id}`} scroll={false}>
            {t.cancel}
          </Link>
        </div>
      ) : null}
    </li>
  );
}
