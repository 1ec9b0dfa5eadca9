import { middayOf } from "@/components/staff/day-picker";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { BusinessReport } from "@/lib/staff/business";
import { addDays } from "@/lib/time/tehran";

const t = messages.staff.business;

/** How far back the range selects reach. */
const RANGE_DAYS = 365;

/** The report's range (Jalali days of the last year), grouping and clinic, sent as a GET form; and the CSV of
 * the same report. */
export type BusinessViewProps = {
  report: BusinessReport;
  clinics: { id: string; name: string }[];
  /** Tehran's date key of today: the newest day the range selects offer. */
  today: string;
  /** The CSV of the same report. */
  exportHref: string;
};

export function BusinessFilters({ report, clinics, today, exportHref }: BusinessViewProps) {
  const days = Array.from({ length: RANGE_DAYS }, (_, i) => addDays(today, -i));
  for (const d of [report.from, report.to]) if (!days.includes(d)) days.push(d);
  days.sort().reverse();
  return (
    <form method="get" className="card row" aria-label={t.filters}>
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="field">
          <label htmlFor={`business-${name}`}>{t[name]}</label>
          <select id={`business-${name}`} name={name} className="input" defaultValue={report[name]}>
            {days.map((d) => (
              <option key={d} value={d}>
                {formatJalaliDate(middayOf(d))}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field">
        <label htmlFor="business-group">{t.groupBy}</label>
        <select id="business-group" name="group" className="input" defaultValue={report.groupBy}>
          <option value="day">{t.byDay}</option>
          <option value="week">{t.byWeek}</option>
        </select>
      </div>
      {clinics.length > 1 ? (
        <div className="field">
          <label htmlFor="business-clinic">{t.clinic}</label>
          <select id="business-clinic" name="clinic" className="input" defaultValue={report.clinicId ?? ""}>
            <option value="">{t.allClinics}</option>
            {clinics.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button className="button self-end" type="submit">
        {t.apply}
      </button>
      <a className="button secondary self-end" href={exportHref} download>
        {t.exportCsv}
      </a>
    </form>
  );
}
