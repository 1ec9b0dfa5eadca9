import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import { config } from "@/lib/config";
import { maskPhones, prettyLine } from "./log-format";

/** The app's one logger: one line per event. In production (LOG_FORMAT=json, the default there) each line is
 * a JSON object an operator's pipeline can filter — `level`, `time`, `msg`, `area` (the `[payments]` prefix
 * the message starts with), the request's `requestId` and whatever fields the caller gives (attemptId,
 * authority, intentId, outcome, verifyMs …); in development a readable line. docs/operations.md lists the
 * fields and the alerts worth setting.
 *
 * Privacy is the logger's job, not each caller's: phone numbers are masked wherever they appear (`0912***4567`,
 * in the message and in any field), and fields that could carry a secret or a patient's words (OTP codes,
 * session and intent seals, cookies, chat texts) are written as "[redacted]". */

export type LogFields = Record<string, unknown>;
type Level = "debug" | "info" | "warn" | "error";

const context = new AsyncLocalStorage<LogFields>();

/** Runs `work` with `fields` (a request id, the signed-in user, the action's name) on every line it logs. */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, work);
}

function settings(): { level: string; format: "json" | "pretty" } {
  try {
    return config().log;
  } catch {
    // A broken environment is itself logged (server start says which variable): do it as JSON, at info.
    return { level: "info", format: "json" };
  }
}

/** pino's options for the app's lines: ISO time, the level by name. Secrets are redacted, and phones masked, by
 * maskPhones before pino sees a line: pino's own redaction only reaches the paths it is given, and an Error it
 * serializes itself would skip both. */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // `err` arrives already serialized (and masked) by maskPhones; pino's serializer would retype it "Object".
    serializers: { err: (value: unknown) => value },
  };
}

let root: Logger | undefined;

function rootLogger(): Logger {
  if (root) return root;
  const { level, format } = settings();
  root =
    format === "pretty"
      ? // For a person at a terminal (development, the command-line tools): warnings and errors on stderr, as
        // a shell expects; JSON lines all go to stdout, the pipeline's one stream.
        pino(loggerOptions(level), {
          write: (line: string) =>
            void (/"level":"(warn|error|fatal)"/.test(line) ? process.stderr : process.stdout).write(prettyLine(line)),
        })
      : pino(loggerOptions(level), pino.destination({ dest: 1, sync: true }));
  return root;
}

/** Reads a console-style call — a message, then errors, field objects or plain values — into pino's (fields,
 * message). A leading `[area]` becomes the `area` field, so `log.info("[payments] …")` reads the same as before. */
function emit(logger: Logger, level: Level, message: string, rest: unknown[]): void {
  const fields: LogFields = {};
  const extra: string[] = [];
  for (const value of rest) {
    if (value instanceof Error) fields.err = value;
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) Object.assign(fields, value);
    else extra.push(String(value));
  }
  let text = extra.length > 0 ? `${message} ${extra.join(" ")}` : message;
  const area = /^\[([\w.-]+)\]\s*/.exec(text);
  if (area) {
    fields.area ??= area[1];
    text = text.slice(area[0].length);
  }
  logger[level](maskPhones({ ...context.getStore(), ...fields }), maskPhones(text));
}

export type Log = Record<Level, (message: string, ...rest: unknown[]) => void>;

/** The log functions over a given pino logger (the app's own, or a test's that writes to memory). */
export function createLog(logger: () => Logger): Log {
  return {
    debug: (message, ...rest) => emit(logger(), "debug", message, rest),
    info: (message, ...rest) => emit(logger(), "info", message, rest),
    warn: (message, ...rest) => emit(logger(), "warn", message, rest),
    error: (message, ...rest) => emit(logger(), "error", message, rest),
  };
}

export const log: Log = createLog(rootLogger);
