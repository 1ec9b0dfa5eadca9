import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { nextBin, projectRoot } from "./paths";

/** Production servers (`next start` from the shared .next build) for the bench and the resilience tests. */

const HOST = "127.0.0.1";

/** What every instance of one deployment shares. */
export type DeploymentSecrets = { sessionPassword: string; metricsToken: string; serverActionsKey: string };

export function newSecrets(): DeploymentSecrets {
  return {
    sessionPassword: randomBytes(24).toString("hex"),
    metricsToken: randomBytes(16).toString("hex"),
    // Next.js wants base64 of an AES key: 32 random bytes, like the key it generates itself.
    serverActionsKey: randomBytes(32).toString("base64"),
  };
}

export type AppServer = {
  name: string;
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL if it is still there after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, in-flight requests are cut. */
  kill(): Promise<void>;
  /** Sends SIGTERM and returns at once: the drain (lib/ops/drain.ts) runs; `exited` tells how it ended. */
  terminate(): void;
  /** The exit code (null when a signal ended it) once the process is gone. */
  exited: Promise<number | null>;
  /** The server's last output lines, for a failure report. */
  logTail(): string;
};

export type ServerOptions = {
  name: string;
  port: number;
  /** The Postgres of this deployment; or `{ pgliteDir }` for the embedded database in that directory. */
  databaseUrl: string | { pgliteDir: string };
  secrets: DeploymentSecrets;
  /** Extra variables for lib/config.ts, e.g. DATABASE_POOL_MAX. */
  env?: Record<string, string>;
  /** How long to wait for /api/health (default 90 s; a fresh PGlite directory first runs initdb). */
  readyTimeoutMs?: number;
};

/** Variables of the caller's environment the server must not inherit: they would point it elsewhere. */
const INHERITED_BUT_NOT_OURS = [
  "PGLITE_DIR",
  "SESSION_PASSWORD_PREVIOUS",
  "ZARINPAL_MERCHANT_ID",
  "ZARINPAL_API_BASE",
  "PORT",
  "NODE_OPTIONS",
];

/** The first port of [from, to] on which nothing listens on 127.0.0.1. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${from} and ${to} on ${HOST}`);
}

function exitedPromise(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** The environment lib/config.ts reads, for a server (or a CLI such as cleanup) of this deployment. */
export function deploymentEnv(input: {
  appUrl: string;
  databaseUrl: ServerOptions["databaseUrl"];
  secrets: DeploymentSecrets;
  env?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of INHERITED_BUT_NOT_OURS) delete env[name];
  delete env.DATABASE_URL;
  Object.assign(env, {
    NEXT_TELEMETRY_DISABLED: "1",
    ...(typeof input.databaseUrl === "string" ? { DATABASE_URL: input.databaseUrl } : { PGLITE_DIR: input.databaseUrl.pgliteDir }),
    SESSION_PASSWORD: input.secrets.sessionPassword,
    METRICS_TOKEN: input.secrets.metricsToken,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: input.secrets.serverActionsKey,
    SMS_DRIVER: "outbox",
    PAYMENT_GATEWAY: "sandbox",
    // Production refuses the two test doubles above unless the server declares itself a demo.
    DEMO_MODE: "true",
    // The sandbox lives inside the app; with several instances each one talks to its own, and they share
    // the sandbox's state through the database.
    APP_URL: input.appUrl,
    // What `npm start` sets: SIGTERM runs the app's drain, not Next's immediate close.
    NEXT_MANUAL_SIG_HANDLE: "true",
    // No load balancer to warn in these tests: stop() need not wait the production 3 s.
    DRAIN_NOTICE_MS: "300",
    ...input.env,
  });
  return env as NodeJS.ProcessEnv;
}

export async function startAppServer(options: ServerOptions): Promise<AppServer> {
  const url = `http://${HOST}:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...deploymentEnv({ appUrl: url, databaseUrl: options.databaseUrl, secrets: options.secrets, env: options.env }),
    NODE_ENV: "production",
  };

  const child = spawn(process.execPath, [nextBin, "start", "-p", String(options.port), "-H", HOST], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(`[${options.name}] ${line}`);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = exitedPromise(child);
  const logTail = () => lines.slice(-60).join("\n");

  const server: AppServer = {
    name: options.name,
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    },
    exited,
    logTail,
  };

  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const deadline = Date.now() + readyTimeoutMs;
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server ${options.name} exited (${child.signalCode ?? child.exitCode}) before it was ready:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`server ${options.name} did not answer /api/health within ${readyTimeoutMs / 1000} s:\n${logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
