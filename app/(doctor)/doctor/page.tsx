import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { announceDelayAction } from "@/app/actions/announce-delay";
import { closeDayAction } from "@/app/actions/close-day";
import { DayOffForm } from "@/components/staff/day-off-form";
import { DelayNoticeForm } from "@/components/staff/delay-notice-form";
import { AgendaList } from "@/components/staff/agenda-list";
import { CardSection } from "@/components/ui/card-section";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { doctorInbox } from "@/lib/chat/chat-lists";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { clinicAgenda } from "@/lib/staff/agenda";
import { ownDoctorId } from "@/lib/staff/doctor-access";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";

const t = messages.staff.doctor;

export const metadata: Metadata = { title: t.title };

/** The doctor's own day and week, and their chat inbox at a glance. Read-only: the clinic's staff change
 * schedules and appointments. */
export default async function DoctorDashboardPage() {
  const user = await requireRole(["doctor"], "/doctor");
  const doctorId = await ownDoctorId(db(), user);
  if (!doctorId) {
    return (
      <div className="stack">
        <h1>{t.title}</h1>
        <p className="alert warning">{t.notLinked}</p>
      </div>
    );
  }
  const today = tehranDateKey(new Date());
  const endOfToday = tehranInstant(addDays(today, 1), "00:00");
  const [day, week, inbox] = await Promise.all([
    clinicAgenda(db(), user, { from: tehranInstant(today, "00:00"), to: endOfToday, hideCancelled: true }),
    clinicAgenda(db(), user, { from: endOfToday, to: tehranInstant(addDays(today, 8), "00:00"), hideCancelled: true }),
    doctorInbox(db(), user),
  ]);
  const waiting = inbox.requests.filter((r) => r.status === "waiting").length;
  const active = inbox.requests.filter((r) => r.status === "active").length;
  const unread = inbox.requests.reduce((sum, r) => sum + r.unread, 0);

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <div className="grid">
        <CardSection id="inbox-title" title={t.inbox}>
          <p data-testid="inbox-counts">{t.inboxCounts(waiting, active, unread)}</p>
          <Link className="button secondary" href="/doctor/chats">
            {t.openInbox}
          </Link>
        </CardSection>
        <CardSection id="schedule-title" title={t.schedule}>
          <p className="muted">{t.scheduleReadOnly}</p>
          <Link className="button secondary" href="/doctor/schedule">
            {t.openSchedule}
          </Link>
        </CardSection>
      </div>
      <section className="stack" aria-labelledby="today-title">
        <h2 id="today-title">{t.today}</h2>
        {day.length ? <AgendaList items={day} endOfToday={endOfToday} /> : <p className="card">{t.noneToday}</p>}
        {day.length ? <DelayNoticeForm action={announceDelayAction} doctorId={doctorId} noticeKey={randomUUID()} /> : null}
      </section>
      <DayOffForm
        action={closeDayAction}
        doctorId={doctorId}
        days={Array.from({ length: 14 }, (_, i) => addDays(today, i)).map((date) => ({
          date,
          label: formatJalaliDate(tehranInstant(date, "12:00")),
        }))}
      />
      <section className="stack" aria-labelledby="week-title">
        <h2 id="week-title">{t.week}</h2>
        {week.length ? <AgendaList items={week} endOfToday={endOfToday} /> : <p className="card">{t.noneWeek}</p>}
      </section>
    </div>
  );
}
