import { middayOf } from "@/components/staff/day-picker";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { BusinessCharts } from "./business-charts";
import { BusinessFilters, type BusinessViewProps } from "./business-filters";
import { PerDoctorTable, PerPeriodTable } from "./business-tables";
import { BusinessTiles } from "./business-tiles";

const t = messages.staff.business;

/** /staff/business: bookings, attendance, money and chats for a chosen Jalali range, per day or week and per
 * doctor, with charts and a CSV for Excel. */
export function BusinessView(props: BusinessViewProps) {
  const { report } = props;
  return (
    <div className="stack">
      <h1>
        {t.title} <span className="muted">— {t.range(formatJalaliDate(middayOf(report.from)), formatJalaliDate(middayOf(report.to)))}</span>
      </h1>
      <BusinessFilters {...props} />
      <BusinessTiles totals={report.totals} />
      <BusinessCharts report={report} />
      <PerDoctorTable report={report} />
      <PerPeriodTable report={report} />
    </div>
  );
}
