import Link from "next/link";
import type { Appointment } from "@/lib/booking/my-appointments";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { AppointmentItem } from "./appointment-item";
import { AppointmentTabs, type AppointmentTab } from "./appointment-tabs";
import type { CancelStep } from "./cancel-confirm";

const t = messages.appointments;

function AppointmentList({
  items,
  now,
  toReview,
  cancel,
}: {
  items: Appointment[];
  now: Date;
  toReview: Set<string>;
  cancel?: CancelStep;
}) {
  return (
    <ul className="stack plain-list">
      {items.map((a) => (
        <AppointmentItem key={a.id} appointment={a} now={now} reviewable={toReview.has(a.id)} cancel={cancel} />
      ))}
    </ul>
  );
}

/** "My appointments": upcoming visits (soonest first) or past ones, what a cancellation just gave back, and
 * the cancel confirm step of one upcoming visit (`cancel`). */
export function AppointmentsView({
  appointments,
  toReview,
  now,
  tab,
  justCancelled,
  cancel,
}: {
  appointments: Appointment[];
  toReview: Set<string>;
  now: Date;
  tab: AppointmentTab;
  justCancelled?: Appointment;
  cancel?: CancelStep;
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
                <AppointmentList items={upcoming} cancel={cancel} now={now} toReview={toReview} />
              ) : (
                <p className="muted">{t.noneUpcoming}</p>
              )}
            </section>
          ) : (
            <section className="stack" aria-labelledby="past-heading">
              <h2 id="past-heading">{t.past}</h2>
              {past.length ? <AppointmentList items={past} now={now} toReview={toReview} /> : <p className="muted">{t.nonePast}</p>}
            </section>
          )}
        </>
      )}
    </div>
  );
}
