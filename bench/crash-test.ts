import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentAttempts, sandboxPayments, walletLedger } from "@/db/schema";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { deploymentEnv, freePort, newSecrets, startAppServer, type AppServer, type DeploymentSecrets } from "./support/app-server";
import { ensureBuild, holdBuildLock } from "./support/build";
import { checkList, type Checks } from "./support/checks";
import { embeddedDatabaseScenario } from "./support/embedded-db-scenario";
import { seedDoctorWithSlots, seedPatients, sessionCookie } from "./support/fixtures";
import { deliverCallback, mapLimit, serverEngine, startAndPay, startPayment, type PaidAtGateway } from "./support/gateway-flow";
import { projectRoot } from "./support/paths";
import { reservationsPerSlot, settlementOf } from "./support/settlement";
import { onTeardown, teardown } from "./support/teardown";

/** `npm run test:crash`: the exactly-once guarantees when the server dies mid-callback (SIGKILL, restart,
 * cleanup) and when two instances behind one database race for the same slots; and that one embedded database
 * directory is never opened by two servers. */

const { values: flags } = parseArgs({ options: { "no-build": { type: "boolean", default: false } } });
const PORTS = { from: 3240, to: 3269 };

async function freshDeployment(name: string) {
  const database = await createRacePostgres({ poolMax: 20 });
  onTeardown(`drop the ${name} database`, database.close);
  return database;
}

const servers: AppServer[] = [];

async function startTracked(options: Parameters<typeof startAppServer>[0]): Promise<AppServer> {
  const server = await startAppServer(options);
  servers.push(server);
  onTeardown(`stop server ${options.name}`, server.stop);
  return server;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `npm run cleanup -- --hours=0`, the operator's reconcile command, against this deployment. */
async function runCleanupCommand(input: { appUrl: string; databaseUrl: string; secrets: DeploymentSecrets }) {
  const child = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "cleanup", "--", "--hours=0"], {
    cwd: projectRoot,
    env: deploymentEnv(input),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const figure = (label: string) => Number(new RegExp(`^${label}: (\\d+)$`, "m").exec(output)?.[1] ?? NaN);
  return { code, output, checked: figure("checked"), fulfilled: figure("fulfilled"), refunded: figure("refunded to wallet"), abandoned: figure("abandoned") };
}

async function ledgerRows(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(walletLedger);
  return row?.n ?? 0;
}

async function attemptStatuses(db: Db, ids: string[]): Promise<Record<string, number>> {
  const rows = await db.select({ status: paymentAttempts.status }).from(paymentAttempts).where(inArray(paymentAttempts.id, ids));
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** 120 slots. Slots 0–79 have one payer, 80–119 two; all of them come back to the callback, which is cut by
 * SIGKILL. Ten more payers pay for slots 0–9 but never come back (closed tab), ten start on slots 110–119 and
 * never pay. After restart + cleanup: 120 reservations, 50 refunds, 10 abandoned, nothing else. */
async function crashScenario(checks: Checks) {
  const database = await freshDeployment("crash");
  const { db } = database;
  const secrets = newSecrets();
  const port = await freePort(PORTS.from, PORTS.to);
  let server = await startTracked({ name: "crash", port, databaseUrl: database.url, secrets });
  const engine = serverEngine(db, server.url);

  const doctor = await seedDoctorWithSlots(db, 120);
  const patients = await seedPatients(db, 190);
  const buyers: { slotId: string; comesBack: boolean }[] = [
    ...doctor.slotIds.map((slotId) => ({ slotId, comesBack: true })),
    ...doctor.slotIds.slice(80).map((slotId) => ({ slotId, comesBack: true })),
    ...doctor.slotIds.slice(0, 10).map((slotId) => ({ slotId, comesBack: false })),
  ];
  const paid = await mapLimit(buyers, 8, (buyer, i) => startAndPay(engine, { userId: patients[i]!, slotId: buyer.slotId, sandboxServerUrl: server.url }));
  const neverPaid = await mapLimit(doctor.slotIds.slice(110), 8, (slotId, i) => startPayment(engine, patients[buyers.length + i]!, slotId));
  const returning = shuffled(paid.filter((_, i) => buyers[i]!.comesBack));

  let completed = 0;
  let sent = 0;
  let inFlightAtKill = 0;
  let killing: Promise<void> | undefined;
  const killAfter = Math.floor(returning.length * 0.4);
  await mapLimit(returning, 24, async (payment) => {
    if (killing) return;
    sent++;
    try {
      const answer = await deliverCallback(payment.callbackUrl);
      if (answer.status !== 303) throw new Error(`callback answered ${answer.status}`);
      completed++;
      if (completed >= killAfter && !killing) {
        inFlightAtKill = sent - completed;
        killing = server.kill();
      }
    } catch {
      // cut by the kill: the browser saw a network error
    }
  });
  await killing;
  const afterKill = await attemptStatuses(db, paid.map((p) => p.attemptId));
  const [verifiedButUnsettled] = await db
    .select({ n: count() })
    .from(sandboxPayments)
    .innerJoin(paymentAttempts, eq(paymentAttempts.authority, sandboxPayments.authority))
    .where(and(eq(sandboxPayments.status, "verified"), inArray(paymentAttempts.status, ["pending", "verifying"])));
  console.log(
    `  · killed with SIGKILL after ${completed} of ${returning.length} callbacks answered, ${inFlightAtKill} in flight, ${returning.length - sent} never sent; attempts now ${JSON.stringify(afterKill)}; ${verifiedButUnsettled?.n ?? 0} verified at the gateway but not settled here`,
  );
  checks.check("SIGKILL landed while callbacks were in flight", inFlightAtKill > 0 && completed > 0 && completed < returning.length, `${inFlightAtKill} in flight`);

  server = await startTracked({ name: "crash-restarted", port, databaseUrl: database.url, secrets });
  const cleanup = await runCleanupCommand({ appUrl: server.url, databaseUrl: database.url, secrets });
  console.log(`  · npm run cleanup -- --hours=0 → exit ${cleanup.code}: checked ${cleanup.checked}, fulfilled ${cleanup.fulfilled}, refunded ${cleanup.refunded}, abandoned ${cleanup.abandoned}`);
  checks.check("the cleanup command ran without errors", cleanup.code === 0, cleanup.code === 0 ? undefined : cleanup.output);

  const settled = await settlementOf(db);
  checks.check("every payment the sandbox saw paid ends as exactly one reservation or one refund", settled.problems.length === 0 && settled.paidAtGateway === paid.length, settled.problems.slice(0, 5).join("; ") || `${settled.paidAtGateway} paid at the gateway`);
  checks.check("none is left paid-but-unverified at the gateway", settled.unverifiedAtGateway === 0, `${settled.unverifiedAtGateway} unverified`);
  const perSlot = await reservationsPerSlot(db, doctor.slotIds);
  const slotsWithOne = [...perSlot.values()].filter((n) => n === 1).length;
  checks.check(
    "120 reservations, one per slot, and 50 auto-refunds",
    settled.reservations === 120 && slotsWithOne === 120 && settled.refunds === 50,
    `${settled.reservations} reservations, ${slotsWithOne} slots with exactly one, ${settled.refunds} refunds`,
  );
  checks.check("money conserved: paid = reserved + refunded", settled.paidRial === settled.reservedRial + settled.refundedRial, `${settled.paidRial} = ${settled.reservedRial} + ${settled.refundedRial}`);
  const unpaid = await attemptStatuses(db, neverPaid.map((p) => p.attemptId));
  checks.check("attempts never paid are abandoned, with no record", unpaid.abandoned === neverPaid.length, JSON.stringify(unpaid));
  const violations = await invariantViolations(db);
  checks.check("no ghost records; every wallet equals its ledger", violations.length === 0, violations.slice(0, 5).join("; "));

  const ledgerBefore = await ledgerRows(db);
  const again = await runCleanupCommand({ appUrl: server.url, databaseUrl: database.url, secrets });
  checks.check("a second cleanup finds nothing to do", again.code === 0 && again.checked === 0, `checked ${again.checked}`);
  const replays = await mapLimit(paid, 24, (payment) => deliverCallback(payment.callbackUrl));
  const replayed = await settlementOf(db);
  checks.check(
    "late and repeated callbacks after recovery change nothing",
    replays.every((r) => r.status === 303 && r.location?.includes("/pay/result/")) &&
      replayed.reservations === settled.reservations &&
      replayed.refunds === settled.refunds &&
      (await ledgerRows(db)) === ledgerBefore,
    `${replayed.reservations} reservations, ${replayed.refunds} refunds`,
  );
  await server.stop();
}

/** Two `next start` processes on one database. 100 patients, 10 slots: each patient starts on one instance,
 * pays at the other's sandbox, and the gateway's return reaches both instances at once. */
async function twoInstanceScenario(checks: Checks) {
  const database = await freshDeployment("two-instance");
  const { db } = database;
  const secrets = newSecrets();
  const portA = await freePort(PORTS.from, PORTS.to);
  const a = await startTracked({ name: "instance-a", port: portA, databaseUrl: database.url, secrets });
  const b = await startTracked({ name: "instance-b", port: await freePort(portA + 1, PORTS.to), databaseUrl: database.url, secrets });
  const instances = [a, b];
  const engines = instances.map((server) => serverEngine(db, server.url));

  const doctor = await seedDoctorWithSlots(db, 10);
  const patients = await seedPatients(db, 100);
  const paid: PaidAtGateway[] = await mapLimit(patients, 16, (userId, i) =>
    startAndPay(engines[i % 2]!, { userId, slotId: doctor.slotIds[i % 10]!, sandboxServerUrl: instances[(i + 1) % 2]!.url }),
  );
  const callbacks = paid.flatMap((payment) => {
    const url = new URL(payment.callbackUrl);
    return instances.map((server) => `${server.url}${url.pathname}${url.search}`);
  });
  const answers = await Promise.all(shuffled(callbacks).map((url) => deliverCallback(url)));
  checks.check(
    "all 200 callbacks (each payment's return at both instances) answered with the result page",
    answers.every((r) => r.status === 303 && r.location?.includes("/pay/result/")),
    JSON.stringify(answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {})),
  );

  const settled = await settlementOf(db);
  const perSlot = await reservationsPerSlot(db, doctor.slotIds);
  checks.check(
    "exactly 10 reservations (one per slot) and 90 auto-refunds",
    settled.reservations === 10 && [...perSlot.values()].every((n) => n === 1) && settled.refunds === 90,
    `${settled.reservations} reservations, ${settled.refunds} refunds`,
  );
  checks.check("every payment ends as exactly one reservation or one refund, money conserved", settled.problems.length === 0 && settled.paidAtGateway === 100, settled.problems.slice(0, 5).join("; "));
  const violations = await invariantViolations(db);
  checks.check("no ghost records; every wallet equals its ledger", violations.length === 0, violations.slice(0, 5).join("; "));

  // Sessions are sealed cookies: one minted with the shared password is good on every instance.
  const winners = await db.select({ id: paymentAttempts.id, userId: paymentAttempts.userId }).from(paymentAttempts).where(eq(paymentAttempts.outcome, "fulfilled")).limit(3);
  const pages = await Promise.all(
    winners.flatMap((winner) =>
      instances.map(async (server) => {
        const response = await fetch(`${server.url}/pay/result/${winner.id}`, { headers: { cookie: await sessionCookie(winner.userId, secrets.sessionPassword) }, redirect: "manual" });
        const html = await response.text();
        return response.status === 200 && html.includes('data-testid="ref-id"');
      }),
    ),
  );
  checks.check("a patient's session works on both instances (result page with the reference number)", winners.length === 3 && pages.every(Boolean), `${pages.filter(Boolean).length}/${pages.length} pages`);
  await Promise.all(instances.map((server) => server.stop()));
}

async function main(): Promise<number> {
  const lock = await holdBuildLock();
  onTeardown("release the build lock", lock.release);
  ensureBuild({ skip: flags["no-build"] });
  const checks = checkList();
  const started = Date.now();
  await checks.scenario("Crash: SIGKILL while callbacks are in flight, restart, cleanup", () => crashScenario(checks));
  await checks.scenario("Two instances on one Postgres racing for the same slots", () => twoInstanceScenario(checks));
  await checks.scenario("Two servers on one embedded PGlite directory, then SIGKILL", () => embeddedDatabaseScenario(checks, startTracked, PORTS));
  const { passed, failed } = checks.summary();
  if (failed > 0) for (const server of servers) console.log(`\n--- last output of ${server.name} ---\n${server.logTail()}`);
  console.log(`\ntest:crash took ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`test:crash could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.log("0 passed, 1 failed");
}
await teardown();
process.exit(code);
