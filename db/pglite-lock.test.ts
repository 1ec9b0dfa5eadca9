import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openPglite } from "./client";
import { DatabaseLockedError, lockDirectory, type LockHolder } from "./pglite-lock";

/** The embedded database's directory lock, with real processes: a live holder refuses every other starter, a
 * killed one's lock is taken over, and of many starters racing for one stale lock exactly one wins. */

const root = path.resolve(import.meta.dirname, "..");
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const parent = mkdtempSync(path.join(tmpdir(), "drturn-lock-"));
  dirs.push(parent);
  return path.join(parent, "pglite");
}

type Outcome = { pid: number; won?: true; refusedBy?: number };

/** Starts db/testing/lock-starter.ts; resolves with its outcome line once it has tried. */
function starter(
  dir: string,
  options: { startAt?: number; holdMs?: number; staleHoldMs?: number; parentThatNeverReaps?: boolean } = {},
): { child: ChildProcess; outcome: Promise<Outcome> } {
  const args = [dir, options.startAt ?? 0, options.holdMs ?? 0, options.staleHoldMs ?? 0].map(String);
  const command = [process.execPath, "--import", "tsx", "db/testing/lock-starter.ts", ...args];
  // sh starts the starter in the background and becomes `sleep`, which never waits for it: once killed, the
  // starter stays a zombie (its pid still answers kill -0).
  const child = options.parentThatNeverReaps
    ? spawn("sh", ["-c", `"$@" & exec sleep 120`, "sh", ...command], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(command[0]!, command.slice(1), { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  const outcome = new Promise<Outcome>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line && out.includes("\n")) resolve(JSON.parse(line) as Outcome);
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.once("exit", (code, signal) => reject(new Error(`lock starter exited (${signal ?? code}) without an outcome: ${err}`)));
  });
  return { child, outcome };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await exited(child);
  return child.pid!;
}

function lockFileOf(dir: string): LockHolder {
  return JSON.parse(readFileSync(`${dir}.lock`, "utf8")) as LockHolder;
}

function writeLock(dir: string, holder: Partial<LockHolder>): string {
  const text = JSON.stringify({ host: hostname(), startedAt: "2026-01-01T00:00:00.000Z", command: "next start", token: "t", ...holder });
  writeFileSync(`${dir}.lock`, text);
  return text;
}

describe("embedded database directory lock", () => {
  it("refuses a second process while the first holds the directory, naming the holder's pid in Persian and English", async () => {
    const dir = freshDir();
    const first = starter(dir);
    expect((await first.outcome).won).toBe(true);

    const refused = (() => {
      try {
        lockDirectory(dir);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(DatabaseLockedError);
    const error = refused as DatabaseLockedError;
    expect(error.holder.pid).toBe(first.child.pid);
    expect(error.message).toContain(`process ${first.child.pid}`);
    expect(error.message).toContain(`شناسه‌ی ${first.child.pid}`);
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain(`kill ${first.child.pid}`);
    expect(lockFileOf(dir).pid).toBe(first.child.pid);

    const second = starter(dir);
    expect(await second.outcome).toEqual({ pid: second.child.pid, refusedBy: first.child.pid });
  });

  it("takes over the lock of a holder killed with SIGKILL", async () => {
    const dir = freshDir();
    const first = starter(dir);
    expect((await first.outcome).won).toBe(true);
    first.child.kill("SIGKILL");
    await exited(first.child);
    expect(lockFileOf(dir).pid).toBe(first.child.pid); // no exit hook ran: the lock is stale, not gone

    const lock = lockDirectory(dir);
    expect(lockFileOf(dir).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("takes over the lock of a killed holder its parent has not reaped yet (a zombie)", async () => {
    const dir = freshDir();
    const first = starter(dir, { parentThatNeverReaps: true });
    const { pid } = await first.outcome;
    process.kill(pid, "SIGKILL");
    while (!readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ")) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lockFileOf(dir).pid).toBe(pid);
    lockDirectory(dir).release();
  });

  it("leaves no lock behind when the holder exits normally", async () => {
    const dir = freshDir();
    const first = starter(dir, { holdMs: 300 });
    expect((await first.outcome).won).toBe(true);
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("treats a lock as stale when its pid now belongs to another process (pid reuse) or to an earlier boot", async () => {
    const dir = freshDir();
    const otherDir = freshDir();
    const other = starter(otherDir);
    await other.outcome;
    const live = lockFileOf(otherDir);
    writeLock(dir, { pid: other.child.pid!, bootId: live.bootId, startTicks: "1" });
    lockDirectory(dir).release();

    writeLock(dir, { pid: other.child.pid!, bootId: "an-earlier-boot", startTicks: live.startTicks });
    lockDirectory(dir).release();

    // The same process, same boot: alive.
    writeLock(dir, { pid: other.child.pid!, bootId: live.bootId, startTicks: live.startTicks });
    expect(() => lockDirectory(dir)).toThrow(DatabaseLockedError);
  });

  it("never takes over a lock held on another machine, and says how to clear it", () => {
    const dir = freshDir();
    writeFileSync(
      `${dir}.lock`,
      JSON.stringify({ pid: 1, host: "another-machine", startedAt: "2026-01-01T00:00:00.000Z", command: "next start", token: "t" }),
    );
    expect(() => lockDirectory(dir)).toThrow(/another-machine[\s\S]*delete .*pglite\.lock/);
  });

  it("of eight starters racing for one stale lock, exactly one wins and the others name it", async () => {
    const dir = freshDir();
    writeLock(dir, { pid: await deadPid() });
    const startAt = Date.now() + 2_500; // every starter loaded and spinning by then
    // Each racer reads the stale lock, then waits 300 ms: all of them go for the take-over believing it stale.
    const racers = Array.from({ length: 8 }, () => starter(dir, { startAt, holdMs: 4_000, staleHoldMs: 300 }));
    const outcomes = await Promise.all(racers.map((r) => r.outcome));
    const winners = outcomes.filter((o) => o.won);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o.refusedBy === winners[0]!.pid)).toHaveLength(7);
    expect(lockFileOf(dir).pid).toBe(winners[0]!.pid);
  });

  it("of eight starters racing for a free directory, exactly one wins", async () => {
    const dir = freshDir();
    const startAt = Date.now() + 2_500;
    const racers = Array.from({ length: 8 }, () => starter(dir, { startAt, holdMs: 4_000 }));
    const outcomes = await Promise.all(racers.map((r) => r.outcome));
    expect(outcomes.filter((o) => o.won)).toHaveLength(1);
  });

  it("gets past a take-over guard left by a starter killed in the middle of taking over", async () => {
    const dir = freshDir();
    const stale = writeLock(dir, { pid: await deadPid() });
    const guard = `${dir}.lock.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
    writeFileSync(guard, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: "x", command: "y", token: "g" }));
    const lock = lockDirectory(dir);
    expect(lockFileOf(dir).pid).toBe(process.pid);
    expect(existsSync(guard)).toBe(false);
    lock.release();
  });

  it("openPglite refuses a directory this process already has open; in-memory databases need no lock", async () => {
    const dir = freshDir();
    const first = openPglite(dir);
    expect(() => openPglite(dir)).toThrow(DatabaseLockedError);
    await first.close();
    const again = openPglite(dir);
    await again.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const memory = [openPglite(), openPglite()];
    await Promise.all(memory.map((m) => m.close()));
  }, 180_000); // a fresh PGlite directory runs initdb in WebAssembly: tens of seconds on a busy machine
});
