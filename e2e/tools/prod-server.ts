import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type LaunchOptions } from "@playwright/test";
import { ensureBuild, holdBuildLock } from "../../bench/support/build";
import { nextBin, projectRoot } from "../../bench/support/paths";

/** The production app for the tools that look at pages (page weight, screenshots): the shared .next build,
 * rebuilt when a source is newer, served by `next start` on its own port and a freshly seeded embedded PGlite,
 * with the shared build lock held the whole time so that nobody rebuilds under it. */

const HOST = "127.0.0.1";
export const TOOLS_PORT = 3300;

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export type ToolContext = { baseURL: string; browser: Browser };

async function waitForHealth(url: string, exited: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited()) throw new Error(`next start exited before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer /api/health within 120 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs `work` against a fresh production server and a Chromium, and always stops both and frees the lock. */
export async function withProductionApp<T>(tool: string, work: (ctx: ToolContext) => Promise<T>): Promise<T> {
  const lock = await holdBuildLock();
  const dataDir = path.join(projectRoot, ".data", `${tool}-${Date.now()}-${process.pid}`);
  const baseURL = `http://${HOST}:${TOOLS_PORT}`;
  let server: ReturnType<typeof spawn> | undefined;
  let browser: Browser | undefined;
  try {
    ensureBuild();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
    delete env.DATABASE_URL; // always a fresh embedded database: the numbers must not depend on someone's data
    Object.assign(env, {
      PGLITE_DIR: dataDir,
      APP_URL: baseURL,
      SESSION_PASSWORD: randomBytes(24).toString("hex"),
      METRICS_TOKEN: randomBytes(16).toString("hex"),
      SMS_DRIVER: "outbox",
      PAYMENT_GATEWAY: "sandbox",
      DEMO_MODE: "true",
      OTP_PER_IP_PER_HOUR: "1000",
    });
    const lines: string[] = [];
    server = spawn(process.execPath, [nextBin, "start", "-p", String(TOOLS_PORT), "-H", HOST], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 80));
    };
    server.stdout!.on("data", keep);
    server.stderr!.on("data", keep);
    const child = server;
    await waitForHealth(
      baseURL,
      () => child.exitCode !== null || child.signalCode !== null,
      () => lines.join("\n"),
    );
    browser = await chromium.launch(chromiumLaunchOptions);
    return await work({ baseURL, browser });
  } finally {
    await browser?.close();
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      const timer = setTimeout(() => server!.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await lock.release();
  }
}
