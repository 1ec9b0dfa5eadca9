import { readdirSync, readFileSync } from "node:fs";

/** CPU time spent by the server process and by the local PostgreSQL processes, from /proc (Linux). Per
 * operation it is steadier than throughput on a shared machine: it does not count the time spent waiting
 * for a core. Null where it cannot be read (no /proc, or PostgreSQL on another machine). */

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function postgresPids(): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    });
}

export type CpuReading = { serverMs: number | null; postgresMs: number | null };

function read(serverPid: number, databaseIsLocal: boolean): CpuReading {
  const pids = databaseIsLocal ? postgresPids() : [];
  const postgres = pids.map(cpuMs).filter((ms): ms is number => ms !== null);
  return { serverMs: cpuMs(serverPid), postgresMs: postgres.length > 0 ? postgres.reduce((a, b) => a + b, 0) : null };
}

export type CpuPerOperation = { serverMs: number | null; postgresMs: number | null };

/** Starts counting; `perOperation(n)` gives the CPU milliseconds per operation since then. PostgreSQL
 * backends that exit in between take their time with them, so its figure is a lower bound. */
export function countCpu(serverPid: number, databaseUrl: string): { perOperation(operations: number): CpuPerOperation } {
  const host = new URL(databaseUrl).hostname;
  const local = host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
  const before = read(serverPid, local);
  return {
    perOperation(operations) {
      const after = read(serverPid, local);
      const per = (a: number | null, b: number | null) =>
        a === null || b === null ? null : Math.max(0, Math.round(((b - a) / operations) * 100) / 100);
      return { serverMs: per(before.serverMs, after.serverMs), postgresMs: per(before.postgresMs, after.postgresMs) };
    },
  };
}
