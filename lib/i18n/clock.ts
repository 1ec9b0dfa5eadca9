import { latinDigits } from "@/lib/i18n/normalize";

/** A wall-clock time typed by hand, read the way a receptionist types it: Persian or Latin digits, "9",
 * "9:30", "09:30", "0930", "930", "9.30" or "۹:۳۰" — always 24-hour. Returns "HH:MM", or null when it is not
 * a time of day. Browsers' own time inputs follow the device's locale (a Persian page showed "09:00 AN"), so
 * the staff screens use this instead. */
export function parseClock(text: string): string | null {
  const compact = latinDigits(text)
    .trim()
    .replace(/[٫.\s]/g, ":");
  let hours: number;
  let minutes: number;
  const separated = /^(\d{1,2}):(\d{1,2})$/.exec(compact);
  if (separated) {
    hours = Number(separated[1]);
    minutes = Number(separated[2]);
  } else if (/^\d{1,2}$/.test(compact)) {
    hours = Number(compact);
    minutes = 0;
  } else if (/^\d{3,4}$/.test(compact)) {
    hours = Number(compact.slice(0, -2));
    minutes = Number(compact.slice(-2));
  } else {
    return null;
  }
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
