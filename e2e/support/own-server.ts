import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { nextBin, projectRoot } from "../../bench/support/paths";

/** A second production server (`next start` on the build the journeys use) with settings of its own — for
 * limits the shared server must keep generous, such as the per-address code limit. Fresh embedded PGlite,
 * free port, stopped by close(). */
export type OwnServer = { baseURL: string; close: () => Promise<void> };

const HOST = "127.0.0.1";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer /api/health within 120 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startOwnServer(env: Record<string, string>): Promise<OwnServer> {
  const port = await freePort();
  const baseURL = `http://${HOST}:${port}`;
  const dataDir = path.join(projectRoot, ".data", `e2e-own-${Date.now()}-${process.pid}`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete childEnv.DATABASE_URL; // its own database, so its limits count only its own requests
  Object.assign(childEnv, {
    PGLITE_DIR: dataDir,
    APP_URL: baseURL,
    SESSION_PASSWORD: randomBytes(24).toString("hex"),
    METRICS_TOKEN: randomBytes(16).toString("hex"),
    SMS_DRIVER: "outbox",
    PAYMENT_GATEWAY: "sandbox",
    DEMO_MODE: "true",
    ...env,
  });
  const lines: string[] = [];
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", HOST], {
    cwd: projectRoot,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 80));
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, () => lines.join("\n"));
  } catch (error) {
    await close();
    throw error;
  }
  return { baseURL, close };
}
