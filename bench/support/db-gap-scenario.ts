import { chromium, type Page } from "@playwright/test";
import type { Database } from "@/db/client";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { freePort, newSecrets, type AppServer, type ServerOptions } from "./app-server";
import type { Checks } from "./checks";
import { runCleanupCommand } from "./cleanup-command";
import { seedDoctorWithSlots, seedPatients } from "./fixtures";
import { serverEngine, startAndPay, type PaidAtGateway } from "./gateway-flow";
import { settlementOf } from "./settlement";
import { startTcpProxy } from "./tcp-proxy";
import { onTeardown } from "./teardown";

/** The database goes away for ten seconds under a steady load of payments. The instance under test ("gap")
 * reaches Postgres through a TCP proxy the test cuts (open connections reset, new ones never answered, like
 * a network partition) and restores; its gateway is another instance's sandbox, on the database directly,
 * so the gateway keeps taking money during the gap the way ZarinPal would. Patients keep paying and coming
 * back to the gap instance's callback; a reader keeps loading the home page in Chromium (a page that fails
 * on the server is answered with Next's error shell, and its error.tsx shows the Persian message in the
 * browser: what the patient reads is what is checked); a balancer keeps asking /api/health. Then: answers in the gap came fast and in Persian, health said 503, the pool reconnected by
 * itself, and after one cleanup every payment the gateway took is exactly one reservation or one refund. */

const CUT_AT_MS = 4_000;
const GAP_MS = 10_000;
/** After the restore the load goes on until this many callbacks started ≥ 5 s after it were answered (a busy
 * machine pays slowly), for at most AFTER_MAX_MS. */
const AFTER_CALLBACKS = 4;
const AFTER_MAX_MS = 60_000;
/** "Fails fast": DATABASE_CONNECT_TIMEOUT_S (3 s) plus rendering the answer on a busy machine — against the
 * 30 s a request hung without the connect timeout. */
const FAST_MS = 8_000;
/** "Reconnects by itself": health answers 200 within this of the restore, and a payment's return settles. */
const HEALTHY_AGAIN_MS = 5_000;
const SETTLES_AGAIN_MS = 10_000;
const PAYERS = 3;
/** A steady load: each payer starts a payment at most this often. Without it, answers that fail fast in the
 * gap (a few ms) let the payers use up every slot before the restore, and nothing is left to settle after. */
const PAYMENT_EVERY_MS = 200;

type Deps = {
  freshDeployment: (name: string) => Promise<Database & { url: string }>;
  startTracked: (options: ServerOptions) => Promise<AppServer>;
  ports: { from: number; to: number };
};

type Sample = { what: "callback" | "page" | "health"; startMs: number; ms: number; status: number; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PERSIAN_TRY_AGAIN = /دوباره تلاش کنید|تلاش دوباره/;
/** The home page in the browser: the server's answer time, and the text on screen once the page settled. */
async function readHome(page: Page, url: string, now: () => number, samples: Sample[]): Promise<void> {
  const startMs = now();
  try {
    // Timed to the server's answer; the browser's own loading of scripts on a busy machine is not the server's.
    const response = await page.goto(url, { waitUntil: "commit", timeout: 30_000 });
    const ms = now() - startMs;
    await page.waitForLoadState("load", { timeout: 20_000 }).catch(() => {});
    // The error boundary renders after hydration; a good page has its search form at once.
    await page.waitForFunction(() => /تلاش دوباره|جستجو/.test(document.body.innerText), undefined, { timeout: 10_000 }).catch(() => {});
    samples.push({ what: "page", startMs, ms, status: response?.status() ?? 0, body: await page.locator("body").innerText() });
  } catch (error) {
    samples.push({ what: "page", startMs, ms: now() - startMs, status: 0, body: String(error) });
  }
}

const ENGLISH_ERROR =
  /Internal Server Error|Application error|server-side exception|ECONNRESET|ECONNREFUSED|CONNECT_TIMEOUT|This page couldn|\bError:/;

export async function dbGapScenario(checks: Checks, deps: Deps): Promise<void> {
  const database = await deps.freshDeployment("db-gap");
  const { db } = database;
  const secrets = newSecrets();
  const direct = new URL(database.url);
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  onTeardown("close the database proxy", proxy.close);
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxy.port);

  const gatewayPort = await freePort(deps.ports.from, deps.ports.to);
  const gateway = await deps.startTracked({
    name: "gap-gateway",
    port: gatewayPort,
    databaseUrl: database.url,
    secrets,
    env: { JOBS_IN_APP: "false" },
  });
  const gatewayEnv = { ZARINPAL_API_BASE: `${gateway.url}/sandbox` };
  // The in-app job worker runs too (the default): it must live through the gap.
  const server = await deps.startTracked({
    name: "gap",
    port: await freePort(gatewayPort + 1, deps.ports.to),
    databaseUrl: viaProxy.toString(),
    secrets,
    env: gatewayEnv,
  });

  const doctor = await seedDoctorWithSlots(db, 600);
  const patients = await seedPatients(db, 600);
  const engine = serverEngine(db, gateway.url);
  const samples: Sample[] = [];
  const paid: PaidAtGateway[] = [];
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const timed = async (what: Sample["what"], url: string) => {
    const startMs = now();
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
      // A redirect's body is empty: keep where it points (a callback must point at its result page).
      const body = (await response.text()) || (response.headers.get("location") ?? "");
      samples.push({ what, startMs, ms: now() - startMs, status: response.status, body });
    } catch (error) {
      samples.push({ what, startMs, ms: now() - startMs, status: 0, body: String(error) });
    }
  };

  let next = 0;
  let restoredAt = Infinity;
  const answeredLate = () => samples.filter((s) => s.what === "callback" && s.startMs >= restoredAt + 5_000).length;
  const running = () => now() < restoredAt + AFTER_MAX_MS && (now() < restoredAt + 5_000 || answeredLate() < AFTER_CALLBACKS);
  const payer = async () => {
    while (running() && next < doctor.slotIds.length) {
      const started = now();
      const i = next++;
      const payment = await startAndPay(engine, { userId: patients[i]!, slotId: doctor.slotIds[i]!, sandboxServerUrl: gateway.url });
      paid.push(payment);
      const url = new URL(payment.callbackUrl);
      await timed("callback", `${server.url}${url.pathname}${url.search}`);
      await sleep(Math.max(0, PAYMENT_EVERY_MS - (now() - started)));
    }
  };
  const every = (ms: number, what: Sample["what"], url: string) => async () => {
    while (running()) {
      await timed(what, url);
      await sleep(ms);
    }
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  onTeardown("close Chromium", () => browser.close());
  const page = await browser.newPage();
  const reader = async () => {
    while (running()) {
      await readHome(page, `${server.url}/`, now, samples);
      await sleep(300);
    }
  };
  const load = Promise.all([...Array.from({ length: PAYERS }, payer), reader(), every(250, "health", `${server.url}/api/health`)()]);

  await sleep(CUT_AT_MS);
  const cutMs = now();
  proxy.cut();
  await sleep(GAP_MS);
  const restoreMs = now();
  proxy.restore();
  restoredAt = restoreMs;
  await load;
  await browser.close();

  const inGap = (s: Sample) => s.startMs >= cutMs && s.startMs < restoreMs;
  const gapAnswers = samples.filter((s) => s.what !== "health" && inGap(s));
  const slowestSample = gapAnswers.reduce<Sample | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
  const slowest = Math.round(slowestSample?.ms ?? 0);
  const median = (list: number[]) => Math.round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN);
  const callbacksBefore = samples.filter((s) => s.what === "callback" && s.startMs + s.ms < cutMs);
  console.log(
    `  · before the cut: callbacks answered in ${median(callbacksBefore.map((s) => s.ms))} ms (median of ${callbacksBefore.length}); in the gap the slowest was a ${slowestSample?.what ?? "—"} (${slowestSample?.status ?? "—"}) started ${Math.round((slowestSample?.startMs ?? cutMs) - cutMs)} ms after the cut, median ${median(gapAnswers.map((s) => s.ms))} ms`,
  );
  const failedInGap = gapAnswers.filter((s) => s.status !== 303 && s.status !== 200);
  const notPersian = failedInGap.filter((s) => !PERSIAN_TRY_AGAIN.test(s.body) || ENGLISH_ERROR.test(s.body));
  const count = (list: Sample[], what: Sample["what"]) => list.filter((s) => s.what === what).length;
  console.log(
    `  · ${paid.length} payments; in the gap ${count(gapAnswers, "callback")} callbacks and ${count(gapAnswers, "page")} page loads, ${failedInGap.length} failed (statuses ${[...new Set(failedInGap.map((s) => s.status))].join(", ")}), slowest ${slowest} ms`,
  );
  checks.check(
    "requests came in during the gap",
    count(gapAnswers, "callback") > 0 && count(gapAnswers, "page") > 0,
    `${gapAnswers.length} requests`,
  );
  checks.check(`every request in the gap was answered within ${FAST_MS / 1000} s`, slowest < FAST_MS, `slowest ${slowest} ms`);
  checks.check(
    "every failure in the gap said «try again» in Persian, with no English error",
    failedInGap.length > 0 && notPersian.length === 0,
    notPersian
      .slice(0, 2)
      .map((s) => `${s.what} ${s.status}: ${s.body.slice(0, 300)}`)
      .join(" | "),
  );

  const health = samples.filter((s) => s.what === "health");
  // The health check waits at most 2 s for the database: samples that began 2.5 s into the gap must see it down.
  const healthInGap = health.filter((s) => s.startMs >= cutMs + 2_500 && s.startMs + s.ms < restoreMs);
  checks.check(
    "/api/health said 503 throughout the gap",
    healthInGap.length > 0 && healthInGap.every((s) => s.status === 503),
    JSON.stringify(healthInGap.map((s) => s.status)),
  );
  const firstHealthy = health.find((s) => s.startMs >= restoreMs && s.status === 200);
  const firstSettled = samples.find((s) => s.what === "callback" && s.startMs >= restoreMs && s.status === 303);
  const reconnectMs = firstHealthy ? Math.round(firstHealthy.startMs + firstHealthy.ms - restoreMs) : NaN;
  const callbackBackMs = firstSettled ? Math.round(firstSettled.startMs + firstSettled.ms - restoreMs) : NaN;
  console.log(`  · after the restore: health 200 in ${reconnectMs} ms, first settled callback in ${callbackBackMs} ms`);
  checks.check(
    `the pool reconnected by itself: health 200 within ${HEALTHY_AGAIN_MS / 1000} s of the restore, a payment settled within ${SETTLES_AGAIN_MS / 1000} s`,
    reconnectMs < HEALTHY_AGAIN_MS && callbackBackMs < SETTLES_AGAIN_MS,
    `health ${reconnectMs} ms, callback ${callbackBackMs} ms`,
  );
  const afterwards = samples.filter((s) => s.what !== "health" && s.startMs >= restoreMs + 5_000);
  checks.check(
    "every request from 5 s after the restore on succeeded",
    afterwards.length > 0 && afterwards.every((s) => s.status === 303 || s.status === 200),
    `${afterwards.filter((s) => s.status !== 303 && s.status !== 200).length} of ${afterwards.length} failed`,
  );

  const misrouted = samples.filter((s) => s.what === "callback" && s.status === 303 && !s.body.includes("/pay/result/"));
  checks.check(
    "no callback of a payment we started was answered «not found»",
    misrouted.length === 0,
    misrouted.map((s) => `${Math.round(s.startMs - cutMs)} ms after the cut → ${s.body}`).join("; "),
  );

  const cleanup = await runCleanupCommand({ appUrl: server.url, databaseUrl: database.url, secrets, env: gatewayEnv });
  console.log(
    `  · npm run cleanup -- --hours=0 → exit ${cleanup.code}: checked ${cleanup.checked}, fulfilled ${cleanup.fulfilled}, refunded ${cleanup.refunded}, abandoned ${cleanup.abandoned}`,
  );
  checks.check("one cleanup ran without errors", cleanup.code === 0, cleanup.code === 0 ? undefined : cleanup.output.slice(-800));
  const settled = await settlementOf(
    db,
    paid.map((p) => p.authority),
  );
  checks.check(
    "every payment the gateway took ends as exactly one reservation or one refund, money conserved",
    settled.problems.length === 0 && settled.paidAtGateway === paid.length && settled.unverifiedAtGateway === 0,
    settled.problems.slice(0, 5).join("; ") ||
      `${settled.paidAtGateway} paid, ${settled.reservations} reservations, ${settled.refunds} refunds`,
  );
  const violations = await invariantViolations(db);
  checks.check("no half-written records: the integrity checks pass", violations.length === 0, violations.slice(0, 5).join("; "));
  const alive = await fetch(`${server.url}/api/health`).then(
    (r) => r.status,
    () => 0,
  );
  checks.check("the instance (and its job worker) lived through the gap", alive === 200, `health ${alive}`);
  await Promise.all([server.stop(), gateway.stop()]);
}
