/** Pure helpers of the logger (lib/shared/log.ts): masking and the development format. */

/** Keys whose values never reach a log line: a code that signs someone in, anything that unseals a session
 * or an intent, and what a patient or doctor wrote. */
export const REDACTED_KEYS = [
  "otp",
  "otpCode",
  "seal",
  "sessionSeal",
  "intentSeal",
  "cookie",
  "cookies",
  "authorization",
  "password",
  "text",
  "messageText",
  "summary",
  "body",
];

/** An Iranian mobile number as people and forms write it: 09xxxxxxxxx, +989…, 00989…, or 9xxxxxxxxx — standing
 * alone, not inside an id (a UUID's hex or an authority can hold ten digits in a row). */
const MOBILE = /(?<![\w-])(?:\+98|0098|0)?(9\d{2})(\d{3})(\d{4})(?![\w-])/g;

/** `0912***4567`: enough to tell two patients apart on a call, not enough to phone them. */
export function maskPhone(phone: string): string {
  return phone.replace(MOBILE, (_whole, a: string, _b: string, c: string) => `0${a}***${c}`);
}

/** Masks every mobile number in a message or, deeply, in a fields object (leaving errors and dates alone). */
export function maskPhones<T>(value: T, depth = 0): T {
  if (typeof value === "string") return maskPhone(value) as T;
  if (depth > 4 || value === null || typeof value !== "object" || value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => maskPhones(item, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskPhones(item, depth + 1)])) as T;
}

const LEVEL_LABEL: Record<string, string> = {
  trace: "TRACE",
  debug: "DEBUG",
  info: "INFO ",
  warn: "WARN ",
  error: "ERROR",
  fatal: "FATAL",
};
const OWN_KEYS = new Set(["level", "time", "msg", "pid", "hostname", "area", "err"]);

/** One JSON log line as a person reads it: `12:03:04.120 INFO  [payments] message key=value …`, then the stack
 * of an error. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const area = entry.area ? `[${String(entry.area)}] ` : "";
  const fields = Object.entries(entry)
    .filter(([key]) => !OWN_KEYS.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n${err.stack ?? err.message ?? ""}` : "";
  return `${time} ${LEVEL_LABEL[String(entry.level)] ?? String(entry.level)} ${area}${String(entry.msg ?? "")}${fields ? ` ${fields}` : ""}${stack}\n`;
}
