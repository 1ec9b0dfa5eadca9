import type { Database } from "@/db/client";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { freePort, newSecrets, type AppServer, type ServerOptions } from "./app-server";
import type { Checks } from "./checks";
import { startGatewayHold } from "./gateway-hold";
import { seedDoctorWithSlots, seedPatients } from "./fixtures";
import { deliverCallback, mapLimit, serverEngine, startAndPay } from "./gateway-flow";
import { reservationsPerSlot, settlementOf } from "./settlement";
import { onTeardown } from "./teardown";

/** A deploy's SIGTERM with gateway returns in flight. The instance under test ("drain") verifies at another
 * instance's sandbox through a hold that keeps every verify call waiting: twelve callbacks are sent, all
 * twelve verifies are held, then SIGTERM. /api/health must say 503 while the instance still listens, the
 * listener must close after DRAIN_NOTICE_MS (a new connection is refused), the held verifies are let go
 * after that, and every callback must still be answered with its result page and settled exactly once, the
 * in-app job worker stopped, and the process gone with exit 0 within DRAIN_TIMEOUT_MS. */

const CALLBACKS = 12;
const NOTICE_MS = 1_500;
const TIMEOUT_MS = 15_000;
/** When the held verifies are let go: after the listener closed, so the callbacks outlive it. */
const RELEASE_AT_MS = NOTICE_MS + 1_000;

type Deps = {
  freshDeployment: (name: string) => Promise<Database & { url: string }>;
  startTracked: (options: ServerOptions) => Promise<AppServer>;
  ports: { from: number; to: number };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET /api/health every 100 ms until the connection is refused: what it answered, in order. */
async function watchHealth(url: string, until: Promise<unknown>): Promise<{ atMs: number; status: number | "refused" }[]> {
  const seen: { atMs: number; status: number | "refused" }[] = [];
  const started = performance.now();
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      seen.push({ atMs: Math.round(performance.now() - started), status: response.status });
    } catch {
      seen.push({ atMs: Math.round(performance.now() - started), status: "refused" });
      break;
    }
    await sleep(100);
  }
  return seen;
}

export async function drainScenario(checks: Checks, deps: Deps): Promise<void> {
  const database = await deps.freshDeployment("drain");
  const { db } = database;
  const secrets = newSecrets();
  const gatewayPort = await freePort(deps.ports.from, deps.ports.to);
  const gateway = await deps.startTracked({
    name: "drain-gateway",
    port: gatewayPort,
    databaseUrl: database.url,
    secrets,
    env: { JOBS_IN_APP: "false" },
  });
  const hold = await startGatewayHold(gateway.url);
  onTeardown("close the gateway hold", hold.close);
  const server = await deps.startTracked({
    name: "drain",
    port: await freePort(gatewayPort + 1, deps.ports.to),
    databaseUrl: database.url,
    secrets,
    // The in-app job worker runs (the default): its graceful stop is part of the drain.
    env: { ZARINPAL_API_BASE: hold.apiBase, DRAIN_NOTICE_MS: String(NOTICE_MS), DRAIN_TIMEOUT_MS: String(TIMEOUT_MS) },
  });

  const doctor = await seedDoctorWithSlots(db, CALLBACKS);
  const patients = await seedPatients(db, CALLBACKS);
  const engine = serverEngine(db, gateway.url);
  const paid = await mapLimit(patients, 6, (userId, i) =>
    startAndPay(engine, { userId, slotId: doctor.slotIds[i]!, sandboxServerUrl: gateway.url }),
  );
  const callbackUrls = paid.map((payment) => {
    const url = new URL(payment.callbackUrl);
    return `${server.url}${url.pathname}${url.search}`;
  });

  const answers = Promise.all(
    callbackUrls.map((url) => deliverCallback(url).catch((error: unknown) => ({ status: 0, location: String(error) }))),
  );
  const deadline = Date.now() + 20_000;
  while (hold.held() < CALLBACKS && Date.now() < deadline) await sleep(50);
  checks.check(`all ${CALLBACKS} callbacks are in flight, each waiting on its verify`, hold.held() === CALLBACKS, `${hold.held()} held`);

  const signalled = performance.now();
  server.terminate();
  const exited = server.exited.then((code) => ({ code, afterMs: Math.round(performance.now() - signalled) }));
  // A signal reaches the process's handler when its event loop gets to it: a request already waiting may be
  // answered first (CI saw one 200 so). From the drain's own word on, every answer must be 503.
  const noticeDeadline = performance.now() + 2_000;
  while (!/SIGTERM: \/api\/health answers 503/.test(server.logTail()) && performance.now() < noticeDeadline) await sleep(5);
  const health = watchHealth(server.url, exited);
  await sleep(RELEASE_AT_MS);
  const refusedBeforeRelease = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
    async (response) => `answered ${response.status}`,
    () => "refused",
  );
  hold.release();
  const answered = await answers;
  const exit = await exited;
  const seen = await health;

  const firstRefused = seen.find((s) => s.status === "refused");
  const statuses = [...new Set(seen.map((s) => s.status))].join(" → ");
  console.log(
    `  · health after SIGTERM: ${statuses} (refused from ${firstRefused?.atMs ?? "—"} ms); exit ${exit.code} after ${exit.afterMs} ms`,
  );
  checks.check(
    "/api/health answered 503 while the instance drained, never 200, then the listener closed",
    seen.some((s) => s.status === 503) &&
      !seen.some((s) => s.status === 200) &&
      firstRefused !== undefined &&
      firstRefused.atMs >= NOTICE_MS - 200,
    JSON.stringify(seen.slice(-3)),
  );
  checks.check(
    "new connections were refused while the callbacks were still in flight",
    refusedBeforeRelease === "refused",
    refusedBeforeRelease,
  );
  checks.check(
    `all ${CALLBACKS} in-flight callbacks answered with their result page`,
    answered.every((a) => a.status === 303 && a.location?.includes("/pay/result/")),
    JSON.stringify(answered.filter((a) => a.status !== 303).slice(0, 3)),
  );
  checks.check(
    `the process exited 0 within DRAIN_TIMEOUT_MS (${TIMEOUT_MS} ms)`,
    exit.code === 0 && exit.afterMs < TIMEOUT_MS,
    `exit ${exit.code} after ${exit.afterMs} ms`,
  );
  // The drain's last line, as a JSON log line (production) or a readable one.
  const drained = /done in \d+ ms: [^"\n]*job worker stopped, pool closed; exiting 0/.exec(server.logTail());
  checks.check(
    "the drain stopped the job worker and closed the pool before exiting",
    drained !== null,
    drained?.[0] ?? server.logTail().slice(-600),
  );

  const settled = await settlementOf(
    db,
    paid.map((p) => p.authority),
  );
  const perSlot = await reservationsPerSlot(db, doctor.slotIds);
  checks.check(
    `each payment settled exactly once: ${CALLBACKS} reservations, one per slot, no refund, none unverified`,
    settled.problems.length === 0 &&
      settled.reservations === CALLBACKS &&
      [...perSlot.values()].every((n) => n === 1) &&
      settled.refunds === 0 &&
      settled.unverifiedAtGateway === 0,
    settled.problems.slice(0, 3).join("; ") || `${settled.reservations} reservations, ${settled.refunds} refunds`,
  );
  const violations = await invariantViolations(db);
  checks.check("no ghost records; every wallet equals its ledger", violations.length === 0, violations.slice(0, 5).join("; "));
  await gateway.stop();
}
