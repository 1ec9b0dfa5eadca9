/** Wall-clock arithmetic in Asia/Tehran through Intl, so a future change of Iran's offset needs no code. */

export const TEHRAN = "Asia/Tehran";

const partsFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: TEHRAN,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function tehranParts(instant: Date) {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function offsetMs(instant: Date): number {
  const p = tehranParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** `YYYY-MM-DD` (Gregorian) of the Tehran calendar day the instant falls on. */
export function tehranDateKey(instant: Date): string {
  const p = tehranParts(instant);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** `YYYY-MM-DD HH:mm:ss` of the Tehran wall clock at the instant (how ZarinPal prints its dates). */
export function tehranDateTimeText(instant: Date): string {
  const p = tehranParts(instant);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${tehranDateKey(instant)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** Answers of tehranInstant, which every calendar and slot list asks for the same few days and times: each
 * costs Intl work, and the answer for a wall time cannot change while the process runs. Bounded by clearing. */
const instantCache = new Map<string, number>();
const INSTANT_CACHE_MAX = 4_096;

/** The instant at which Tehran's clocks show `time` (HH:MM[:SS]) on `dateKey`. */
export function tehranInstant(dateKey: string, time: string): Date {
  const key = `${dateKey} ${time}`;
  let instant = instantCache.get(key);
  if (instant === undefined) {
    const [y, m, d] = dateKey.split("-").map(Number);
    const [hh, mm, ss] = time.split(":").map(Number);
    const wall = Date.UTC(y!, m! - 1, d!, hh!, mm!, ss ?? 0);
    const guess = new Date(wall - offsetMs(new Date(wall)));
    instant = wall - offsetMs(guess);
    if (instantCache.size >= INSTANT_CACHE_MAX) instantCache.clear();
    instantCache.set(key, instant);
  }
  return new Date(instant);
}

export function addDays(dateKey: string, days: number): string {
  const [y, m, d] = dateKey.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay. */
export function weekdayOf(dateKey: string): number {
  return new Date(`${dateKey}T00:00:00Z`).getUTCDay();
}

export function minutesOf(time: string): number {
  const [hh, mm] = time.split(":").map(Number);
  return hh! * 60 + mm!;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
