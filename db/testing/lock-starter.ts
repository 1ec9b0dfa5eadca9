import { DatabaseLockedError, lockDirectory } from "../pglite-lock";

/** A separate process that takes a directory lock, for db/pglite-lock.test.ts:
 * `node --import tsx db/testing/lock-starter.ts <dir> <startAtEpochMs> <holdMs> <staleHoldMs>` waits until
 * startAt (so that several starters race), tries once, prints one JSON line — {"won":true} or {"refusedBy":pid}
 * — and holds a won lock for holdMs (forever if 0) before exiting normally. staleHoldMs: having found a stale
 * lock, wait that long before taking it over, so that every racer has read the stale lock first. */
const [dir, startAt = "0", holdMs = "0", staleHoldMs = "0"] = process.argv.slice(2);
if (!dir) throw new Error("usage: lock-starter.ts <dir> [startAtEpochMs] [holdMs] [staleHoldMs]");
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

while (Date.now() < Number(startAt)) {
  // Spin, not sleep: the racers leave the starting line within a millisecond of each other.
}
try {
  let paused = false;
  lockDirectory(dir, { beforeTakeOver: () => (paused ? undefined : ((paused = true), pause(Number(staleHoldMs)))) });
  console.log(JSON.stringify({ pid: process.pid, won: true }));
} catch (error) {
  if (!(error instanceof DatabaseLockedError)) throw error;
  console.log(JSON.stringify({ pid: process.pid, refusedBy: error.holder.pid }));
  process.exit(0);
}
setTimeout(() => process.exit(0), Number(holdMs) || 2 ** 31 - 1);
