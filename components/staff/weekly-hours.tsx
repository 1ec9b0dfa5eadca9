import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { WorkInterval } from "@/lib/staff/weekly-schedule";
import { PERSIAN_WEEK } from "./week";

const t = messages.staff;

/** A doctor's week, read-only: each day's intervals, the gaps between them being breaks. */
export function WeeklyHours({ week }: { week: WorkInterval[] }) {
  if (week.length === 0) return <p className="muted">{t.doctor.noHours}</p>;
  return (
    <dl className="summary weekly-hours">
      {PERSIAN_WEEK.map((weekday) => {
        const day = week.filter((i) => i.weekday === weekday);
        return (
          <div key={weekday} className="contents">
            <dt>{t.schedule.weekdays[weekday]}</dt>
            <dd>
              {day.length === 0
                ? t.schedule.closedDay
                : day.map((i) => t.doctor.hoursLine(persianNumber(i.start), persianNumber(i.end), i.slotMinutes)).join("، ")}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
