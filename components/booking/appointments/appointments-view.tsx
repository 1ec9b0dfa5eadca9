import Link from "next/link";
import type { ReactNode } from "react";
import type { Appointment } from "@/lib/booking/my-appointments";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { AppointmentItem } from "./appointment-item";
import { AppointmentTabs, type AppointmentTab } from "./appointment-tabs";
import type { CancelStep } from "./cancel-confirm";

const t = messages.appointments;

function AppointmentList({
  items,
  now,
  toReview,
  reschedulable,
  cancel,
}: {
  items: Appointment[];
  now: Date;
  toReview: Set<string>;
  reschedulable: Set<string>;
  cancel?: CancelStep;
}) {
  return (
    <ul className="stack plain-list">
      {items.map((a) => (
        <AppointmentItem
          key={a.id}
          appointment={a}
          now={now}
          reviewable={toReview.has(a.id)}
          reschedulable={reschedulable.has(a.id)}
          cancel={cancel}
        />
      ))}
    </ul>
  );
}

/** What a change of time just did: moved, and what it cost or gave back. */
export type JustMoved = { appointment: Appointment; refundRial: number; paidRial: number };

function MovedNotice({ moved }: { moved: JustMoved }) {
  const when = formatJalaliDateTime(moved.appointment.startsAt);
  return (
    <p className="alert success" role="status" data-testid="moved-notice">
      {moved.refundRial > 0
        ? t.movedRefunded(when, formatToman(moved.refundRial))
        : moved.paidRial > 0
          ? t.movedPaid(when, formatToman(moved.paidRial))
          : t.moved(when)}
    </p>
  );
}

/** "My appointments": upcoming visits (soonest first) or past ones, what a cancellation or a change of time
 * just did, the cancel confirm step of one upcoming visit (`cancel`), and below them `children` (the waitlist). */
export function AppointmentsView({
  appointments,
  toReview,
  reschedulable,
  now,
  tab,
  justCancelled,
  justMoved,
  cancel,
  children,
}: {
  appointments: Appointment[];
  toReview: Set<string>;
  reschedulable: Set<string>;
  now: Date;
  tab: AppointmentTab;
  justCancelled?: Appointment;
  justMoved?: JustMoved;
  cancel?: CancelStep;
  children?: ReactNode;
}) {
  const upcoming = appointments.filter((a) => a.status === "confirmed" && a.startsAt > now).reverse();
  const past = appointments.filter((a) => !upcoming.includes(a));
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      {justCancelled ? (
        <p className="alert success" role="status">
          {justCancelled.refundRial ? t.cancelledRefunded(formatToman(justCancelled.refundRial)) : t.cancelledNoRefund}
        </p>
      ) : null}
      {justMoved ? <MovedNotice moved={justMoved} /> : null}
      {appointments.length === 0 ? (
        <p>
          {t.none} <Link href="/doctors">{t.findDoctor}</Link>
        </p>
      ) : (
        <>
          <AppointmentTabs tab={tab} counts={{ upcoming: upcoming.length, past: past.length }} />
          {tab === "upcoming" ? (
            <section className="stack" aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading">{t.upcoming}</h2>
              {upcoming.length ? (
                <AppointmentList items={upcoming} cancel={cancel} now={now} toReview={toReview} reschedulable={reschedulable} />
              ) : (
                <p className="muted">{t.noneUpcoming}</p>
              )}
            </section>
          ) : (
            <section className="stack" aria-labelledby="past-heading">
              <h2 id="past-heading">{t.past}</h2>
              {past.length ? (
                <AppointmentList items={past} now={now} toReview={toReview} reschedulable={reschedulable} />
              ) : (
                <p className="muted">{t.nonePast}</p>
              )}
            </section>
          )}
        </>
      )}
      {children}
    </div>
  );
}
