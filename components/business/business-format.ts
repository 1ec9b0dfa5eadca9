import { middayOf } from "@/components/staff/day-picker";
import { formatJalaliDate, formatJalaliDayMonth, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.staff.business;

/** A count of the report (some are averages over weeks) in whole Persian digits. */
export const count = (value: number) => persianNumber(Math.round(value));

/** A row's period: the day, or "week of …" its first day. `short` is day and month (chart labels). */
export function periodLabel(period: string, groupBy: "day" | "week", short = false): string {
  const date = short ? formatJalaliDayMonth(middayOf(period)) : formatJalaliDate(middayOf(period));
  return groupBy === "week" ? t.weekOf(date) : date;
}
