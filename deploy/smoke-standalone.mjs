// `npm run smoke:standalone`: the production image's server, without a container runtime. Lays out
// .next/standalone the way the Dockerfile does (static files and public/ beside server.js), starts
// `node server.js` against DATABASE_URL, and checks what a balancer and a browser need: /api/health 200, the
// home page 200 in Persian, a static asset and a public file 200; then SIGTERM must end it with exit 0 within
// the drain's bound. Needs a build (`npm run build`) and a Postgres in DATABASE_URL.
import { spawn } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, ".next", "standalone");
const port = Number(process.env.SMOKE_PORT || 3190);
const url = `http://127.0.0.1:${port}`;
const DRAIN_TIMEOUT_MS = 10_000;

function fail(message) {
  console.error(`[smoke] FAILED: ${message}`);
  process.exitCode = 1;
}

if (!existsSync(path.join(dir, "server.js"))) {
  console.error("[smoke] .next/standalone/server.js is missing: run `npm run build` (next.config.ts has output: standalone)");
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.error("[smoke] DATABASE_URL is not set: the standalone server is smoke-tested on PostgreSQL");
  process.exit(1);
}
if (!existsSync(path.join(dir, "db", "migrations"))) fail("db/migrations was not traced into .next/standalone (outputFileTracingIncludes)");

// What the Dockerfile copies: Next.js leaves these out of the standalone folder (a CDN may serve them).
for (const [from, to] of [
  [path.join(root, ".next", "static"), path.join(dir, ".next", "static")],
  [path.join(root, "public"), path.join(dir, "public")],
]) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  HOSTNAME: "127.0.0.1",
  APP_URL: url,
  NEXT_MANUAL_SIG_HANDLE: "true",
  DRAIN_NOTICE_MS: "500",
  DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
  SESSION_PASSWORD: process.env.SESSION_PASSWORD || "smoke-only-session-password-0123456789abcdef",
  METRICS_TOKEN: process.env.METRICS_TOKEN || "smoke-metrics-token",
  SMS_DRIVER: process.env.SMS_DRIVER || "outbox",
  PAYMENT_GATEWAY: process.env.PAYMENT_GATEWAY || "sandbox",
  DEMO_MODE: process.env.DEMO_MODE || "true",
};
delete env.PGLITE_DIR;
delete env.ZARINPAL_API_BASE;

console.log(`[smoke] node .next/standalone/server.js on ${url}`);
const started = performance.now();
const server = spawn(process.execPath, ["server.js"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
server.stdout.on("data", (chunk) => (output += chunk));
server.stderr.on("data", (chunk) => (output += chunk));
const exited = new Promise((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));

async function get(pathname) {
  const response = await fetch(`${url}${pathname}`, { signal: AbortSignal.timeout(15_000), redirect: "manual" });
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text() };
}

try {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server.js exited (${server.exitCode}) before it was ready`);
    const health = await get("/api/health").catch(() => null);
    if (health?.status === 200) break;
    if (Date.now() > deadline) throw new Error("/api/health did not answer 200 within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  console.log(`[smoke] ✓ /api/health 200 after ${Math.round(performance.now() - started)} ms`);

  const home = await get("/");
  if (home.status !== 200 || !home.body.includes('lang="fa"') || !home.body.includes("دکتر نوبت"))
    fail(`home page: ${home.status}, Persian: ${home.body.includes("دکتر نوبت")}`);
  else console.log("[smoke] ✓ home page 200, Persian (lang=fa, «دکتر نوبت»)");

  const asset = /\/_next\/static\/[^"'\s]+\.(?:css|js)/.exec(home.body)?.[0];
  const assetAnswer = asset ? await get(asset) : null;
  if (assetAnswer?.status !== 200) fail(`static asset ${asset ?? "(none linked from the home page)"}: ${assetAnswer?.status}`);
  else console.log(`[smoke] ✓ ${asset} 200`);
  const icon = await get("/icon-192.png");
  if (icon.status !== 200 || !icon.type.startsWith("image/png")) fail(`public/icon-192.png: ${icon.status} ${icon.type}`);
  else console.log("[smoke] ✓ /icon-192.png 200 (public/)");
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const signalled = performance.now();
server.kill("SIGTERM");
const timer = setTimeout(() => server.kill("SIGKILL"), DRAIN_TIMEOUT_MS + 5_000);
const { code, signal } = await exited;
clearTimeout(timer);
const drainMs = Math.round(performance.now() - signalled);
if (code !== 0) fail(`SIGTERM: exit ${code ?? signal} after ${drainMs} ms (expected 0 within ${DRAIN_TIMEOUT_MS} ms)`);
else console.log(`[smoke] ✓ SIGTERM → drained, exit 0 after ${drainMs} ms`);
if (process.exitCode) console.error(`--- server output ---\n${output.slice(-3000)}`);
else console.log("[smoke] standalone server ok");
