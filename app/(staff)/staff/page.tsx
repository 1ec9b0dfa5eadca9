import type { Metadata } from "next";
import Link from "next/link";
import { AgendaList } from "@/components/staff/agenda-list";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDate, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { clinicAgenda } from "@/lib/staff/agenda";
import { todayOverview } from "@/lib/staff/today-overview";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { cancelReservationAction, markAttendanceAction } from "./appointments/actions";

const t = messages.staff;

export const metadata: Metadata = { title: t.dashboardTitle };

export default async function StaffDashboardPage() {
  const user = await requireStaff("/staff");
  const now = new Date();
  const today = tehranDateKey(now);
  const endOfToday = tehranInstant(addDays(today, 1), "00:00");
  const [overview, items] = await Promise.all([
    todayOverview(db(), user, now),
    clinicAgenda(db(), user, { from: tehranInstant(today, "00:00"), to: endOfToday }),
  ]);
  const tiles = [
    { key: "today", label: t.today.appointmentsToday, value: overview.appointmentsToday },
    { key: "week", label: t.today.upcomingWeek, value: overview.appointmentsNextWeek },
    { key: "payments", label: t.today.paymentsToday, value: overview.paymentsToday },
    { key: "failed", label: t.today.failedToday, value: overview.failedPaymentsToday },
    { key: "verifying", label: t.today.verifyingNow, value: overview.verifyingNow },
    // Platform-wide: the platform admin's tile only.
    ...(overview.ghostRecords === null
      ? []
      : [{ key: "ghosts", label: t.today.ghosts, value: overview.ghostRecords, alarm: overview.ghostRecords > 0 }]),
  ];
  return (
    <div className="stack">
      <h1>
        {t.today.title} <span className="muted">— {formatJalaliDate(now)}</span>
      </h1>
      <ul className="tiles">
        {tiles.map((tile) => (
          <li key={tile.key} className={"alarm" in tile && tile.alarm ? "card tile alarm" : "card tile"} data-testid={`tile-${tile.key}`}>
            <span className="muted">{tile.label}</span>
            <strong>{persianNumber(tile.value)}</strong>
          </li>
        ))}
      </ul>
      <section className="stack" aria-labelledby="today-list">
        <div className="row">
          <h2 id="today-list">{t.today.todayList}</h2>
          <Link href="/staff/appointments">{t.today.allAppointments}</Link>
        </div>
        {items.length === 0 ? (
          <p className="card">{t.today.none}</p>
        ) : (
          <AgendaList
            items={items}
            actions={{ attendance: markAttendanceAction, cancel: cancelReservationAction }}
            endOfToday={endOfToday}
          />
        )}
      </section>
    </div>
  );
}
