import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { MONITORING_PERIODS, type MonitoringPeriod } from "@/lib/ops/monitoring";

const t = messages.ops;

/** The 7- and 30-day switch; the current period is the filled button. */
export function PeriodNav({ period }: { period: MonitoringPeriod }) {
  return (
    <nav aria-label={t.period} className="row">
      {MONITORING_PERIODS.map((p) => (
        <Link
          key={p}
          href={`/staff/monitoring?period=${p}`}
          className={p === period ? "button" : "button secondary"}
          aria-current={p === period ? "page" : undefined}
        >
          {t.periods[p]}
        </Link>
      ))}
    </nav>
  );
}
