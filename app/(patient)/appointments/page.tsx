import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { CancelReservationForm } from "@/components/booking/cancel-reservation-form";
import { WaitlistEntries } from "@/components/waitlist/waitlist-entries";
import { ReceiptLink } from "@/components/payments/receipt-view";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { patientRefund } from "@/lib/booking/cancellation";
import { canReschedule, latestMove } from "@/lib/booking/reschedule";
import { myAppointments, type Appointment } from "@/lib/booking/my-appointments";
import { config } from "@/lib/config";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForText } from "@/lib/patients/visit-for-text";
import { visitsToReview } from "@/lib/reviews/reviews";
import { myWaitlist } from "@/lib/waitlist/waitlist";
import { cancelAppointmentAction } from "./actions";
import { leaveWaitlistAction } from "../waitlist/actions";

const t = messages.appointments;

export const metadata: Metadata = { title: t.title };

const idParam = z.uuid().optional().catch(undefined);

/** The confirm step: the policy that applies, said before the patient confirms. */
function CancelConfirm({ appointment, now }: { appointment: Appointment; now: Date }) {
  const hours = config().cancelFullRefundHours;
  const decision = patientRefund(appointment.startsAt, appointment.amountRial, now, { fullRefundHours: hours });
  const full = decision.rule === "full_refund";
  return (
    <div className="cancel-confirm stack" role="group" aria-labelledby={`cancel-${appointment.id}`}>
      <h3 id={`cancel-${appointment.id}`}>{t.cancelTitle}</h3>
      <p className={full ? "alert info" : "alert warning"} data-testid="cancel-policy" data-rule={decision.rule}>
        {full ? t.cancelFullRefund(formatToman(decision.refundRial), persianNumber(hours)) : t.cancelNoRefund(persianNumber(hours))}
      </p>
      {full ? <p className="hint">{t.refundDeadline(formatJalaliDateTime(decision.deadline))}</p> : null}
      <CancelReservationForm action={cancelAppointmentAction} reservationId={appointment.id} expectedRefundRial={decision.refundRial} />
    </div>
  );
}

function AppointmentList({ items, cancelling, now, toReview }: { items: Appointment[]; cancelling?: string; now: Date; toReview: Set<string> }) {
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {items.map((a) => {
        const upcoming = a.status === "confirmed" && a.startsAt > now;
        return (
          <li key={a.id} className="card stack appointment" data-testid="appointment" data-status={a.status}>
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
              {a.status === "confirmed" && a.delayMinutes && a.startsAt > now ? (
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
            {toReview.has(a.id) ? (
              <div>
                <Link className="button secondary" href={`/appointments/${a.id}/review`}>
                  {messages.reviews.rateVisit}
                </Link>
              </div>
            ) : null}
            {upcoming && cancelling === a.id ? <CancelConfirm appointment={a} now={now} /> : null}
            {upcoming && cancelling !== a.id ? (
              <div className="row">
                {canReschedule(a, now, { fullRefundHours: config().cancelFullRefundHours }) ? (
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
      })}
    </ul>
  );
}

const tabParam = z.enum(["upcoming", "past"]).catch("upcoming");

function Tabs({ tab, counts }: { tab: "upcoming" | "past"; counts: Record<"upcoming" | "past", number> }) {
  const item = (key: "upcoming" | "past", label: string) => (
    <Link
      href={key === "upcoming" ? "/appointments" : "/appointments?tab=past"}
      className={tab === key ? "button" : "button secondary"}
      aria-current={tab === key ? "page" : undefined}
      data-testid={`tab-${key}`}
    >
      {label} ({persianNumber(counts[key])})
    </Link>
  );
  return (
    <nav className="row" aria-label={t.tabsLabel}>
      {item("upcoming", t.tabUpcoming)}
      {item("past", t.tabPast)}
    </nav>
  );
}

export default async function AppointmentsPage({
  searchParams,
}: {
  searchParams: Promise<{ cancel?: string; cancelled?: string; moved?: string; tab?: string }>;
}) {
  const user = await requireUser("/appointments");
  const query = await searchParams;
  const cancelling = idParam.parse(query.cancel);
  const tab = tabParam.parse(query.tab);
  const [all, toReview, waitlist] = await Promise.all([myAppointments(db(), user.userId), visitsToReview(db(), user.userId), myWaitlist(db(), user.userId)]);
  const now = new Date();
  const upcoming = all.filter((a) => a.status === "confirmed" && a.startsAt > now).reverse();
  const rest = all.filter((a) => !upcoming.includes(a));
  const justCancelled = all.find((a) => a.id === idParam.parse(query.cancelled) && a.status === "cancelled");
  const movedId = idParam.parse(query.moved);
  const justMoved = movedId ? all.find((a) => a.id === movedId) : undefined;
  const move = justMoved ? await latestMove(db(), { patientId: user.userId, reservationId: justMoved.id }) : null;
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      {justCancelled ? (
        <p className="alert success" role="status">
          {justCancelled.refundRial ? t.cancelledRefunded(formatToman(justCancelled.refundRial)) : t.cancelledNoRefund}
        </p>
      ) : null}
      {justMoved && move ? (
        <p className="alert success" role="status" data-testid="moved-notice">
          {move.refundRial > 0
            ? t.movedRefunded(formatJalaliDateTime(justMoved.startsAt), formatToman(move.refundRial))
            : move.paidRial > 0
              ? t.movedPaid(formatJalaliDateTime(justMoved.startsAt), formatToman(move.paidRial))
              : t.moved(formatJalaliDateTime(justMoved.startsAt))}
        </p>
      ) : null}
      {all.length === 0 ? (
        <p>
          {t.none} <Link href="/doctors">{t.findDoctor}</Link>
        </p>
      ) : (
        <>
          <Tabs tab={tab} counts={{ upcoming: upcoming.length, past: rest.length }} />
          {tab === "upcoming" ? (
            <section className="stack" aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading">{t.upcoming}</h2>
              {upcoming.length ? (
                <AppointmentList items={upcoming} cancelling={cancelling} now={now} toReview={toReview} />
              ) : (
                <p className="muted">{t.noneUpcoming}</p>
              )}
            </section>
          ) : (
            <section className="stack" aria-labelledby="past-heading">
              <h2 id="past-heading">{t.past}</h2>
              {rest.length ? <AppointmentList items={rest} now={now} toReview={toReview} /> : <p className="muted">{t.nonePast}</p>}
            </section>
          )}
        </>
      )}
      <WaitlistEntries entries={waitlist} leaveAction={leaveWaitlistAction} />
    </div>
  );
}
