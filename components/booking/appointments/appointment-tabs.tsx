import Link from "next/link";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.appointments;

export type AppointmentTab = "upcoming" | "past";

/** Upcoming and past visits, each with its count; the current one is the filled button. */
export function AppointmentTabs({ tab, counts }: { tab: AppointmentTab; counts: Record<AppointmentTab, number> }) {
  const item = (key: AppointmentTab, label: string) => (
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
