import Link from "next/link";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { addDays, tehranInstant } from "@/lib/time/tehran";

const t = messages.staff.appointments;

/** Noon: an instant safely inside the Tehran day. */
export const middayOf = (date: string) => tehranInstant(date, "12:00");

function hrefWith(basePath: string, params: Record<string, string | undefined>, date: string) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  query.set("date", date);
  return `${basePath}?${query.toString()}`;
}

/** Yesterday / today / tomorrow links and a Jalali day list, as a plain GET form (works without script). */
export function DayPicker({
  basePath,
  date,
  today,
  params = {},
  pastDays = 30,
  futureDays = 45,
}: {
  basePath: string;
  date: string;
  today: string;
  params?: Record<string, string | undefined>;
  pastDays?: number;
  futureDays?: number;
}) {
  const options = Array.from({ length: pastDays + futureDays + 1 }, (_, i) => addDays(today, i - pastDays));
  if (!options.includes(date)) options.push(date);
  return (
    <div className="row day-picker">
      <Link className="button secondary" href={hrefWith(basePath, params, addDays(date, -1))} rel="prev">
        {t.prevDay}
      </Link>
      <form method="get" action={basePath} className="row">
        {Object.entries(params).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
        <label className="visually-hidden" htmlFor="day-select">
          {t.day}
        </label>
        <select id="day-select" name="date" className="input" defaultValue={date}>
          {options.sort().map((d) => (
            <option key={d} value={d}>
              {formatJalaliDate(middayOf(d))}
              {d === today ? ` (${t.todayLink})` : ""}
            </option>
          ))}
        </select>
        <button className="button secondary" type="submit">
          {t.apply}
        </button>
      </form>
      <Link className="button secondary" href={hrefWith(basePath, params, addDays(date, 1))} rel="next">
        {t.nextDay}
      </Link>
      {date !== today ? (
        <Link className="button link" href={hrefWith(basePath, params, today)}>
          {t.todayLink}
        </Link>
      ) : null}
    </div>
  );
}
