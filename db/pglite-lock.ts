import { createHash, randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/** One process per embedded database directory. PGlite has no lock of its own: two processes writing one
 * directory corrupt it beyond repair. The lock is the file `<dir>.lock` next to the directory, holding who
 * opened it; it is created with link(2), which fails if the name exists, so exactly one of several starters
 * gets it. A lock whose holder is gone (killed, machine rebooted, pid since reused by another program) is taken
 * over; two starters taking over the same stale lock go through a guard file named after that lock's content,
 * which again only one of them can create. Only node:* imports: test scripts load this file on its own. */

export type LockHolder = {
  pid: number;
  host: string;
  /** Linux: the boot and the process's start time (clock ticks since boot) tell a reused pid from its holder. */
  bootId?: string;
  startTicks?: string;
  startedAt: string;
  command: string;
  /** Unique per acquisition, so that two holders' files never have the same content. */
  token: string;
};

export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    super(lockedMessage(dataDir, lockPath, holder));
  }
}

function lockedMessage(dataDir: string, lockPath: string, holder: LockHolder): string {
  const elsewhere = holder.host !== hostname();
  const where = elsewhere ? ` on ${holder.host}` : "";
  const whereFa = elsewhere ? ` روی ${holder.host}` : "";
  return [
    `پایگاه داده‌ی داخلی (PGlite) در ${dataDir} را فرایند دیگری با شناسه‌ی ${holder.pid}${whereFa} باز کرده است (از ${holder.startedAt}: ${holder.command}).`,
    `دو فرایند نباید هم‌زمان یک پوشه‌ی PGlite را باز کنند؛ داده‌ها خراب می‌شوند. آن فرایند را متوقف کنید (kill ${holder.pid})، یا برای اجرای چند فرایند DATABASE_URL را به یک PostgreSQL تنظیم کنید.`,
    `The embedded database (PGlite) in ${dataDir} is already open in process ${holder.pid}${where} (since ${holder.startedAt}: ${holder.command}).`,
    `Two processes must never open one PGlite directory: it corrupts the data. Stop that process (kill ${holder.pid}), or set DATABASE_URL to a PostgreSQL server to run several processes.`,
    elsewhere ? `If that machine no longer uses this directory, delete ${lockPath}.` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** From /proc/<pid>/stat (Linux only): the state (field 3; Z = killed, not yet reaped by its parent) and the
 * start time (field 22, clock ticks since boot). */
function procStat(pid: number): { state?: string; startTicks?: string } {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return {};
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], startTicks: fields[19] };
}

const bootId = () => readText("/proc/sys/kernel/random/boot_id")?.trim();

function currentHolder(): LockHolder {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: bootId(),
    startTicks: procStat(process.pid).startTicks,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    command: process.argv.slice(1).join(" ").slice(0, 300),
    token: randomBytes(12).toString("hex"),
  };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === "number" && typeof value.host === "string" ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** A holder on another machine cannot be checked from here: it counts as alive. */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const { state, startTicks } = procStat(holder.pid);
  if (state === "Z" || state === "X") return false;
  return !(holder.startTicks && startTicks && startTicks !== holder.startTicks);
}

let tempCounter = 0;

/** Writes `text` to a fresh temporary file beside `file` and hands it to `place`; the temporary name never stays. */
function withTempFile(file: string, text: string, place: (temp: string) => void): void {
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  writeFileSync(temp, text, { flag: "wx" });
  try {
    place(temp);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // renamed away
    }
  }
}

/** Creates `file` with `text` in one step, or returns false if it exists: never a half-written lock. */
function createExclusive(file: string, text: string): boolean {
  let created = false;
  withTempFile(file, text, (temp) => {
    try {
      linkSync(temp, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  });
  return created;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

type TakeOver = "won" | "lost" | "busy";

/** Replaces `file`, whose content `stale` belongs to a dead holder, with `mine` — unless another starter does
 * first. The guard `<file>.takeover-<digest of stale>` admits one starter per stale content; a guard left by a
 * starter killed inside this function is itself a stale lock, taken over the same way. */
function takeOver(file: string, stale: string, mine: string): TakeOver {
  const guard = `${file}.takeover-${digest(stale)}`;
  if (!createExclusive(guard, mine)) {
    const guardText = readText(guard);
    if (guardText === undefined) return "busy";
    const guardHolder = parseHolder(guardText);
    if (guardHolder && holderAlive(guardHolder)) return "busy";
    const outcome = takeOver(guard, guardText, mine);
    if (outcome !== "won") return outcome;
  }
  try {
    // Holding the guard, nobody else replaces `file` while it still reads `stale`.
    if (readText(file) !== stale) return "lost";
    withTempFile(file, mine, (temp) => renameSync(temp, file));
    return "won";
  } finally {
    try {
      unlinkSync(guard);
    } catch {
      // already gone
    }
  }
}

export type DirectoryLock = { lockPath: string; holder: LockHolder; release(): void };

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes the lock of `dataDir` (an absolute, real path) for this process, or throws DatabaseLockedError naming
 * the live holder. Released by release() or when the process exits; a killed process's lock is stale. */
export function lockDirectory(dataDir: string, options: { waitMs?: number; beforeTakeOver?: () => void } = {}): DirectoryLock {
  const lockPath = `${dataDir}.lock`;
  const holder = currentHolder();
  const mine = `${JSON.stringify(holder, null, 2)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 5_000);
  for (;;) {
    if (createExclusive(lockPath, mine)) break;
    const text = readText(lockPath);
    if (text !== undefined) {
      const current = parseHolder(text);
      if (current && holderAlive(current)) throw new DatabaseLockedError(dataDir, lockPath, current);
      // Dead holder, or a file that is not a lock we wrote: stale. (The hook lets a test hold every racer here.)
      options.beforeTakeOver?.();
      if (takeOver(lockPath, text, mine) === "won") break;
    }
    // Released meanwhile, or another starter is taking the stale lock over: look again shortly.
    if (Date.now() > deadline) throw new Error(`could not take the lock ${lockPath} within ${options.waitMs ?? 5_000} ms`);
    sleep(25);
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only our own: a lock is never taken from a live holder, so this is a safety net, not a race.
    if (readText(lockPath) === mine) {
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", release);
  return { lockPath, holder, release };
}
