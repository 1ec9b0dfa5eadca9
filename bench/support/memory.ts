import { readFileSync } from "node:fs";

/** Resident memory of a server process and its children, sampled from /proc (Linux). Where /proc is missing
 * the figures are null rather than made up. */

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function treeRssKb(pid: number): number | null {
  const own = statusKb(pid, "VmRSS");
  if (own === null) return null;
  return childrenOf(pid).reduce((sum, child) => sum + (treeRssKb(child) ?? 0), own);
}

const toMiB = (kb: number | null) => (kb === null ? null : Math.round(kb / 1024));

/** The resident memory of the process and its children right now, in MiB (null without /proc). */
export function currentRssMiB(pid: number): number | null {
  return toMiB(treeRssKb(pid));
}

export type MemorySampler = {
  /** Highest resident set seen so far, in MiB, and the peak the kernel recorded for the main process. */
  peak(): { sampledPeakMiB: number | null; kernelPeakMiB: number | null };
  /** Starts a new phase; returns the highest RSS seen during the previous one (MiB). */
  phasePeak(): number | null;
  stop(): void;
};

export function sampleMemory(pid: number, everyMs = 100): MemorySampler {
  let peakKb: number | null = null;
  let phaseKb: number | null = null;
  let kernelPeakKb: number | null = null;
  const sample = () => {
    const rss = treeRssKb(pid);
    if (rss !== null) {
      peakKb = Math.max(peakKb ?? 0, rss);
      phaseKb = Math.max(phaseKb ?? 0, rss);
    }
    kernelPeakKb = statusKb(pid, "VmHWM") ?? kernelPeakKb;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peak: () => {
      sample();
      return { sampledPeakMiB: toMiB(peakKb), kernelPeakMiB: toMiB(kernelPeakKb) };
    },
    phasePeak: () => {
      sample();
      const result = toMiB(phaseKb);
      phaseKb = null;
      return result;
    },
    stop: () => clearInterval(timer),
  };
}
