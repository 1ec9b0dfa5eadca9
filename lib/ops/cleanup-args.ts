import { err, ok, type Result } from "@/lib/shared/result";

export const MAX_CLEANUP_HOURS = 24 * 30;
export const CLEANUP_USAGE =
  "usage: npm run cleanup -- --hours=N [--dry-run]   (N: hours, default 2; attempts older than N hours are settled)";

export type CleanupArgs = { hours: number; dryRun: boolean; help: boolean };

/** `--hours=N` (or `--hours N`), `--dry-run`, `--help`. Anything else is refused rather than ignored: a typo
 * in a cron line must not silently run with other settings. */
export function parseCleanupArgs(argv: readonly string[]): Result<CleanupArgs, { code: "bad_args"; message: string }> {
  const args: CleanupArgs = { hours: 2, dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--dry-run") args.dryRun = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg === "--hours" || arg.startsWith("--hours=")) {
      const value = arg === "--hours" ? argv[++i] : arg.slice("--hours=".length);
      const hours = value !== undefined && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
      if (!(hours >= 0 && hours <= MAX_CLEANUP_HOURS))
        return err({ code: "bad_args", message: `--hours must be a number from 0 to ${MAX_CLEANUP_HOURS}, got ${value ?? "nothing"}` });
      args.hours = hours;
    } else return err({ code: "bad_args", message: `unknown argument ${arg}` });
  }
  return ok(args);
}
