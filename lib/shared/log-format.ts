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
  "question",
  // A failed query's values (postgres.js `parameters`, Drizzle's `params`): a phone, a chat text, a code's hash.
  "params",
  "parameters",
];

/** Latin, Persian (۰–۹) and Arabic-Indic (٠–٩) digits: a number typed on a Persian keyboard is still a number. */
const DIGIT = "[0-9\\u06F0-\\u06F9\\u0660-\\u0669]";
const [ZERO, NINE, EIGHT] = ["[0\\u06F0\\u0660]", "[9\\u06F9\\u0669]", "[8\\u06F8\\u0668]"];
/** Not part of a longer word or id: a UUID's hex or an authority can hold ten digits in a row. */
const EDGE = "[\\w\\u06F0-\\u06F9\\u0660-\\u0669-]";

/** An Iranian mobile number as people and forms write it: 09xxxxxxxxx, +989…, 00989…, or 9xxxxxxxxx, in any of
 * those digits — standing alone, not inside an id. */
const MOBILE = new RegExp(
  `(?<!${EDGE})(?:\\+${NINE}${EIGHT}|${ZERO}${ZERO}${NINE}${EIGHT}|${ZERO})?(${NINE}${DIGIT}{2})(${DIGIT}{3})(${DIGIT}{4})(?!${EDGE})`,
  "g",
);

const latin = (digits: string) => digits.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));

/** `0912***4567`: enough to tell two patients apart on a call, not enough to phone them. */
export function maskPhone(phone: string): string {
  return phone.replace(MOBILE, (_whole, a: string, _b: string, c: string) => `0${latin(a)}***${latin(c)}`);
}

const REDACTED = new Set(REDACTED_KEYS.map((key) => key.toLowerCase()));
/** Deeper than this a value is cut: what is not walked could not be masked. */
const MAX_DEPTH = 8;

/** An error as the log line carries it (pino's `err` shape: type, message, stack, and its own fields such as
 * Postgres' `detail`, `code`, `constraint`), its cause too, so that it can be masked like any object. */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: error.constructor?.name ?? "Error", message: error.message, stack: error.stack };
  for (const [key, value] of Object.entries(error)) fields[key] = value;
  if (error.cause !== undefined) fields.cause = error.cause;
  // A failed Drizzle query repeats its parameters (a phone, a chat text, a code's hash) in its message.
  if ("params" in error && "query" in error) {
    const strip = (text: unknown) =>
      typeof text === "string" ? text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [redacted]") : text;
    fields.message = strip(fields.message);
    fields.stack = strip(fields.stack);
  }
  return fields;
}

/** What a log line may carry of `value`: every mobile number masked, in strings at any depth and in errors
 * (a Postgres error's `Key (phone)=(0912…)` detail included), and every field named like a secret or a
 * patient's words (REDACTED_KEYS, any case, at any depth) replaced by "[redacted]". */
export function maskPhones<T>(value: T, depth = 0): T {
  if (typeof value === "string") return maskPhone(value) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth > MAX_DEPTH) return "[truncated]" as T;
  if (value instanceof Error) return maskPhones(errorFields(value), depth) as T;
  if (Array.isArray(value)) return value.map((item) => maskPhones(item, depth + 1)) as T;
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]` as T;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, REDACTED.has(key.toLowerCase()) ? "[redacted]" : maskPhones(item, depth + 1)]),
  ) as T;
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
