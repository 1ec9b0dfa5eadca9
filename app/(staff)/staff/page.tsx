import type { Metadata } from "next";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { todayOverview } from "@/lib/staff/today-overview";

const t = messages.staff;

export const metadata: Metadata = { title: t.dashboardTitle };

export default async function StaffDashboardPage() {
  const user = await requireRole(STAFF_ROLES, "/staff");
  const overview = await todayOverview(db(), user);
  const tiles = [
    { label: t.appointmentsToday, value: overview.appointmentsToday },
    { label: t.paymentsToday, value: overview.paymentsToday },
    { label: t.failedPaymentsToday, value: overview.failedPaymentsToday },
  ];
  return (
    <div className="stack">
      <h1>{t.dashboardTitle}</h1>
      <div className="grid">
        {tiles.map((tile) => (
          <div key={tile.label} className="card">
            <p className="muted">{tile.label}</p>
            <p style={{ fontSize: "1.6rem", margin: 0 }}>{persianNumber(tile.value)}</p>
          </div>
        ))}
      </div>
    </div>
  );
}
