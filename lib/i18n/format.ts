import { TEHRAN } from "@/lib/time/tehran";

/** Persian display of dates, times, numbers and money. Amounts are stored in Rial and shown in Toman. */

const numberFormat = new Intl.NumberFormat("fa-IR");
// Without the weekday: asked for both at once, ICU falls back to the pattern "۱۴۰۳ دی ۱۷, دوشنبه".
const dateFormat = new Intl.DateTimeFormat("fa-IR-u-ca-persian", {
  timeZone: TEHRAN,
  day: "numeric",
  month: "long",
  year: "numeric",
});
const shortDateFormat = new Intl.DateTimeFormat("fa-IR-u-ca-persian", {
  timeZone: TEHRAN,
  weekday: "short",
  day: "numeric",
  month: "long",
});
const weekdayFormat = new Intl.DateTimeFormat("fa-IR-u-ca-persian", { timeZone: TEHRAN, weekday: "long" });
const dayMonthFormat = new Intl.DateTimeFormat("fa-IR-u-ca-persian", { timeZone: TEHRAN, day: "numeric", month: "long" });
const timeFormat = new Intl.DateTimeFormat("fa-IR", {
  timeZone: TEHRAN,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function persianNumber(value: number | string): string {
  return typeof value === "number" ? numberFormat.format(value) : value.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
}

export function rialToToman(rial: number): number {
  return Math.floor(rial / 10);
}

export function formatToman(rial: number): string {
  return `${numberFormat.format(rialToToman(rial))} تومان`;
}

export function formatJalaliDate(instant: Date): string {
  return `${formatWeekday(instant)} ${dateFormat.format(instant)}`;
}

export function formatJalaliShortDate(instant: Date): string {
  return shortDateFormat.format(instant);
}

export function formatWeekday(instant: Date): string {
  return weekdayFormat.format(instant);
}

export function formatJalaliDayMonth(instant: Date): string {
  return dayMonthFormat.format(instant);
}

export function formatTime(instant: Date): string {
  return timeFormat.format(instant);
}

export function formatJalaliDateTime(instant: Date): string {
  return `${formatJalaliDate(instant)}، ساعت ${formatTime(instant)}`;
}
