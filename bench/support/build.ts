import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { nextBin, projectRoot } from "./paths";

/** The lock that every user of the shared production build (.next) takes on a machine where several people
 * build and start it: whoever holds it may rebuild, and nobody rebuilds under a server that runs from it.
 * Taken only where flock(1) exists (Linux); elsewhere there is nobody to share the build with. */
const BUILD_LOCK = "/tmp/e2e.lock";

export type BuildLock = { release(): Promise<void> };

function hasFlock(): boolean {
  return !spawnSync("flock", ["--version"], { stdio: "ignore" }).error;
}

/** Holds the lock until release(): `flock` keeps it while `cat` waits on our pipe, so the lock also goes
 * when this process dies, however it dies. */
export async function holdBuildLock(): Promise<BuildLock> {
  if (!hasFlock()) return { release: async () => {} };
  const holder = spawn("flock", [BUILD_LOCK, "sh", "-c", "echo held; exec cat"], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting = setTimeout(
    () => console.log(`[bench] waiting for the build lock ${BUILD_LOCK} (someone is building or testing)…`),
    1_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout.once("data", () => resolve());
      holder.once("error", reject);
      holder.once("exit", (code) => reject(new Error(`flock ${BUILD_LOCK} ended (exit ${code}) before taking the lock`)));
    });
  } finally {
    clearTimeout(waiting);
  }
  return {
    release: async () => {
      if (holder.exitCode !== null || holder.signalCode !== null) return;
      const exited = new Promise((resolve) => holder.once("exit", resolve));
      holder.stdin.end();
      await exited;
    },
  };
}

const SOURCES = ["app", "components", "lib", "db", "public", "next.config.ts", "package.json", "instrumentation.ts"];
const SKIP = new Set(["node_modules", ".next", "testing"]);

function newestSourceMtime(entry: string): number {
  let stats;
  try {
    stats = statSync(entry);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stats.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (!SKIP.has(name)) newest = Math.max(newest, newestSourceMtime(path.join(entry, name)));
  }
  return newest;
}

/** Why the production build must be made (again), or null when the one in .next is newer than every source. */
export function staleBuildReason(): string | null {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "there is no production build";
  const built = statSync(buildId).mtimeMs;
  const changed = SOURCES.find((entry) => newestSourceMtime(path.join(projectRoot, entry)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** `next build` when the build is missing or older than the sources. Call it while holding the build lock. */
export function ensureBuild(options: { force?: boolean; skip?: boolean } = {}): void {
  if (options.skip) {
    if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID")))
      throw new Error("--no-build given, but there is no production build in .next");
    return;
  }
  const reason = options.force ? "a rebuild was asked for" : staleBuildReason();
  if (!reason) return;
  console.log(`[bench] next build: ${reason}`);
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.signal ?? `exit ${result.status}`})`);
}
