import { spawn } from "node:child_process";
import path from "node:path";
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { runMigrations } from "graphile-worker";
import type { Db } from "@/db/client";
import { notifications, paymentAttempts, sandboxPayments, smsOutbox, walletLedger } from "@/db/schema";
import { recordNotification } from "@/lib/notifications/record";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { deploymentEnv, freePort, newSecrets, startAppServer, type AppServer, type DeploymentSecrets } from "./support/app-server";
import { ensureBuild, holdBuildLock } from "./support/build";
import { checkList, type Checks } from "./support/checks";
import { runCleanupCommand } from "./support/cleanup-command";
import { dbGapScenario } from "./support/db-gap-scenario";
import { drainScenario } from "./support/drain-scenario";
import { embeddedDatabaseScenario } from "./support/embedded-db-scenario";
import { startFakeKavenegar } from "./support/fake-kavenegar";
import { seedDoctorWithSlots, seedPatients, sessionCookie } from "./support/fixtures";
import { deliverCallback, mapLimit, serverEngine, startAndPay, startPayment, type PaidAtGateway } from "./support/gateway-flow";
import { measureFreshness } from "./support/freshness";
import { projectRoot } from "./support/paths";
import { reservationsPerSlot, settlementOf } from "./support/settlement";
import { onTeardown, teardown } from "./support/teardown";
import { startHaproxy, startPgBouncer } from "./support/topology";

/** `npm run test:crash`: the exactly-once guarantees when the server dies mid-callback (SIGKILL, restart,
 * cleanup), when it is stopped with SIGTERM mid-callback (the drain of a deploy), when the database goes away
 * for ten seconds under load, and when two instances behind one database race for the same slots; and that
 * one embedded database directory is never opened by two servers. */

const { values: flags } = parseArgs({
  options: { "no-build": { type: "boolean", default: false }, only: { type: "string" } },
});
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
  // The app's own job queue would reconcile on its own schedule; here the cleanup command's counts are checked.
  const noJobs = { JOBS_IN_APP: "false" };
  let server = await startTracked({ name: "crash", port, databaseUrl: database.url, secrets, env: noJobs });
  const engine = serverEngine(db, server.url);

  const doctor = await seedDoctorWithSlots(db, 120);
  const patients = await seedPatients(db, 190);
  const buyers: { slotId: string; comesBack: boolean }[] = [
    ...doctor.slotIds.map((slotId) => ({ slotId, comesBack: true })),
    ...doctor.slotIds.slice(80).map((slotId) => ({ slotId, comesBack: true })),
    ...doctor.slotIds.slice(0, 10).map((slotId) => ({ slotId, comesBack: false })),
  ];
  const paid = await mapLimit(buyers, 8, (buyer, i) =>
    startAndPay(engine, { userId: patients[i]!, slotId: buyer.slotId, sandboxServerUrl: server.url }),
  );
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
  const afterKill = await attemptStatuses(
    db,
    paid.map((p) => p.attemptId),
  );
  const [verifiedButUnsettled] = await db
    .select({ n: count() })
    .from(sandboxPayments)
    .innerJoin(paymentAttempts, eq(paymentAttempts.authority, sandboxPayments.authority))
    .where(and(eq(sandboxPayments.status, "verified"), inArray(paymentAttempts.status, ["pending", "verifying"])));
  console.log(
    `  · killed with SIGKILL after ${completed} of ${returning.length} callbacks answered, ${inFlightAtKill} in flight, ${returning.length - sent} never sent; attempts now ${JSON.stringify(afterKill)}; ${verifiedButUnsettled?.n ?? 0} verified at the gateway but not settled here`,
  );
  checks.check(
    "SIGKILL landed while callbacks were in flight",
    inFlightAtKill > 0 && completed > 0 && completed < returning.length,
    `${inFlightAtKill} in flight`,
  );

  server = await startTracked({ name: "crash-restarted", port, databaseUrl: database.url, secrets, env: noJobs });
  const cleanup = await runCleanupCommand({ appUrl: server.url, databaseUrl: database.url, secrets });
  console.log(
    `  · npm run cleanup -- --hours=0 → exit ${cleanup.code}: checked ${cleanup.checked}, fulfilled ${cleanup.fulfilled}, refunded ${cleanup.refunded}, abandoned ${cleanup.abandoned}`,
  );
  checks.check("the cleanup command ran without errors", cleanup.code === 0, cleanup.code === 0 ? undefined : cleanup.output);

  const settled = await settlementOf(db);
  checks.check(
    "every payment the sandbox saw paid ends as exactly one reservation or one refund",
    settled.problems.length === 0 && settled.paidAtGateway === paid.length,
    settled.problems.slice(0, 5).join("; ") || `${settled.paidAtGateway} paid at the gateway`,
  );
  checks.check(
    "none is left paid-but-unverified at the gateway",
    settled.unverifiedAtGateway === 0,
    `${settled.unverifiedAtGateway} unverified`,
  );
  const perSlot = await reservationsPerSlot(db, doctor.slotIds);
  const slotsWithOne = [...perSlot.values()].filter((n) => n === 1).length;
  checks.check(
    "120 reservations, one per slot, and 50 auto-refunds",
    settled.reservations === 120 && slotsWithOne === 120 && settled.refunds === 50,
    `${settled.reservations} reservations, ${slotsWithOne} slots with exactly one, ${settled.refunds} refunds`,
  );
  checks.check(
    "money conserved: paid = reserved + refunded",
    settled.paidRial === settled.reservedRial + settled.refundedRial,
    `${settled.paidRial} = ${settled.reservedRial} + ${settled.refundedRial}`,
  );
  const unpaid = await attemptStatuses(
    db,
    neverPaid.map((p) => p.attemptId),
  );
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
 * pays at the other's sandbox, and the gateway's return reaches both instances at once. With `topology`, the
 * same through the scale-out of docs/scaling.md made of real parts (deploy/topology/): the instances reach
 * Postgres through PgBouncer in transaction mode (no prepared statements; migrations, LISTEN and the job queue
 * over DATABASE_DIRECT_URL) and patients reach them through HAProxy, which gets each return twice. */
async function twoInstanceScenario(checks: Checks, options: { topology?: boolean } = {}) {
  const database = await freshDeployment(options.topology ? "topology" : "two-instance");
  const { db } = database;
  const secrets = newSecrets();
  // Ports of its own: the previous scenario's instances may still be draining on the first ones.
  const portA = await freePort(options.topology ? PORTS.from + 16 : PORTS.from, PORTS.to);
  const portB = await freePort(portA + 1, PORTS.to);
  let appDatabaseUrl = database.url;
  let env: Record<string, string> = {};
  let balancerPort = 0;
  if (options.topology) {
    const direct = new URL(database.url);
    const bouncer = await startPgBouncer({
      port: await freePort(portB + 1, PORTS.to),
      postgresHost: direct.hostname,
      postgresPort: Number(direct.port || 5432),
    });
    onTeardown("stop pgbouncer", bouncer.stop);
    const pooled = new URL(database.url);
    pooled.host = `${direct.hostname}:${bouncer.port}`;
    appDatabaseUrl = pooled.toString();
    balancerPort = await freePort(bouncer.port + 1, PORTS.to);
    // APP_URL stays each instance's own: the sandbox gateway lives inside the app, and its server-to-server
    // verify must not queue behind the very callbacks it answers (ZarinPal is outside the balancer).
    env = { DATABASE_DIRECT_URL: database.url, DATABASE_PREPARE: "false", TRUSTED_PROXY_HOPS: "1" };
  }
  const a = await startTracked({ name: "instance-a", port: portA, databaseUrl: appDatabaseUrl, secrets, env });
  const b = await startTracked({ name: "instance-b", port: portB, databaseUrl: appDatabaseUrl, secrets, env });
  const instances = [a, b];
  let front: string[] = instances.map((server) => server.url);
  let balancerOutput = () => "";
  if (options.topology) {
    const balancer = await startHaproxy({
      port: balancerPort,
      backends: [
        { name: "a", port: portA },
        { name: "b", port: portB },
      ],
    });
    onTeardown("stop haproxy", balancer.stop);
    balancerOutput = balancer.output;
    // Each gateway return arrives twice, both through the balancer (round robin: usually one at each instance).
    front = [balancer.url, balancer.url];
  }
  const engines = instances.map((server) => serverEngine(db, server.url));

  const doctor = await seedDoctorWithSlots(db, 10);
  const patients = await seedPatients(db, 100);
  const paid: PaidAtGateway[] = await mapLimit(patients, 16, (userId, i) =>
    startAndPay(engines[i % 2]!, { userId, slotId: doctor.slotIds[i % 10]!, sandboxServerUrl: instances[(i + 1) % 2]!.url }),
  );
  const callbacks = paid.flatMap((payment) => {
    const url = new URL(payment.callbackUrl);
    return front.map((base) => `${base}${url.pathname}${url.search}`);
  });
  const answers = await Promise.all(
    shuffled(callbacks).map((url) =>
      deliverCallback(url).catch((error: Error & { cause?: unknown }) => {
        console.log(`[crash-test] callback ${url} failed: ${error.message} (${String(error.cause)})\n${balancerOutput().slice(-3000)}`);
        return { status: 0, location: null };
      }),
    ),
  );
  checks.check(
    `all 200 callbacks (each payment's return twice${options.topology ? ", through HAProxy" : ", at both instances"}) answered with the result page`,
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
  checks.check(
    "every payment ends as exactly one reservation or one refund, money conserved",
    settled.problems.length === 0 && settled.paidAtGateway === 100,
    settled.problems.slice(0, 5).join("; "),
  );
  const violations = await invariantViolations(db);
  checks.check("no ghost records; every wallet equals its ledger", violations.length === 0, violations.slice(0, 5).join("; "));

  // Sessions are sealed cookies: one minted with the shared password is good on every instance.
  const winners = await db
    .select({ id: paymentAttempts.id, userId: paymentAttempts.userId })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.outcome, "fulfilled"))
    .limit(3);
  const pages = await Promise.all(
    winners.flatMap((winner) =>
      front.map(async (base) => {
        const response = await fetch(`${base}/pay/result/${winner.id}`, {
          headers: { cookie: await sessionCookie(winner.userId, secrets.sessionPassword) },
          redirect: "manual",
        });
        const html = await response.text();
        return (
          response.status === 200 &&
          html.includes('data-testid="ref-id"') &&
          /^[\w.:-]{8,80}$/.test(response.headers.get("x-request-id") ?? "")
        );
      }),
    ),
  );
  checks.check(
    `a patient's session works on ${options.topology ? "both requests through the balancer" : "both instances"} (result page with the reference number and a request id)`,
    winners.length === 3 && pages.every(Boolean),
    `${pages.filter(Boolean).length}/${pages.length} pages`,
  );

  // Issue 15 §1: public pages come from each instance's cache; a write on one shows on all within 5 s.
  const [patient] = await seedPatients(db, 1);
  const fresh = await measureFreshness({
    db,
    instanceUrls: instances.map((server) => server.url),
    doctorId: doctor.doctorId,
    patientId: patient!,
  });
  const within = (list: (number | null)[]) => list.every((ms) => ms !== null && ms <= 5_000);
  checks.check(
    "a slot opened, then booked through instance A, shows on every instance's cached slot data within 5 s, and its doctor page agrees",
    within(fresh.opened) && within(fresh.booked) && fresh.pagesAgree.every(Boolean),
    `opened: ${fresh.opened.map((ms) => `${ms ?? "—"} ms`).join(" / ")}; booked: ${fresh.booked.map((ms) => `${ms ?? "—"} ms`).join(" / ")}; pages ${fresh.pagesAgree.join(" / ")}`,
  );
  await Promise.all(instances.map((server) => server.stop()));
}

/** `npm run worker` as its own process against this deployment, sending SMS through `kavenegarApiBase`. */
function startWorker(input: { databaseUrl: string; secrets: DeploymentSecrets; kavenegarApiBase: string }) {
  // What `npm run worker` runs, without npm in between: SIGTERM must reach tsx, which hands it to the worker.
  const child = spawn(path.join(projectRoot, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/jobs/worker-cli.ts"], {
    cwd: projectRoot,
    env: deploymentEnv({
      appUrl: "http://127.0.0.1:9",
      databaseUrl: input.databaseUrl,
      secrets: input.secrets,
      env: {
        SMS_DRIVER: "kavenegar",
        KAVENEGAR_API_KEY: "crash-test",
        // Production requires it; the worker sends no sign-in codes, so the stand-in never sees it.
        KAVENEGAR_OTP_TEMPLATE: "crash-test-otp",
        KAVENEGAR_API_BASE: input.kavenegarApiBase,
        JOBS_CONCURRENCY: "4",
        NODE_ENV: "production",
      },
    }),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: SIGKILL must reach the worker itself, not only npm in front of it.
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signal = (name: NodeJS.Signals, group: boolean) => {
    try {
      process.kill(group ? -child.pid! : child.pid!, name);
    } catch {
      // already gone
    }
  };
  onTeardown("stop a worker", async () => {
    signal("SIGKILL", true);
    await exited;
  });
  return { exited, output: () => output, kill: () => signal("SIGKILL", true), stop: () => signal("SIGTERM", false) };
}

async function waitFor(what: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** 150 notifications (one per patient) queued in their transactions; `npm run worker` sends them through a
 * Kavenegar stand-in that keeps each message the moment it arrives and answers 40 ms later, and is killed with
 * SIGKILL once 40 % are in — with sends in flight, accepted at Kavenegar but not yet written down. Restarted,
 * it must send the rest, and the sweep must finish the interrupted ones without sending any twice. */
async function workerCrashScenario(checks: Checks) {
  const database = await freshDeployment("worker-crash");
  const { db } = database;
  const secrets = newSecrets();
  // The worker is killed the moment the 60th message arrives: before Kavenegar has answered it, so at least
  // that one is accepted there and not yet written down here.
  let killWorker = () => {};
  const kavenegar = await startFakeKavenegar({ delayMs: 40, onAccepted: (count) => count === 60 && killWorker() });
  onTeardown("stop the Kavenegar stand-in", kavenegar.close);
  await runMigrations({ connectionString: database.url });

  const patients = await seedPatients(db, 150);
  for (const [i, patientId] of patients.entries()) {
    await db.transaction((tx) =>
      recordNotification(tx, {
        recipientId: patientId,
        kind: "reservation_confirmed",
        reference: `crash-${i}`,
        body: `دکتر نوبت: نوبت شما ثبت شد (${i}).`,
        link: "/appointments",
      }),
    );
  }
  const first = startWorker({ databaseUrl: database.url, secrets, kavenegarApiBase: kavenegar.apiBase });
  killWorker = first.kill;
  await waitFor("40 % of the messages at Kavenegar", 60_000, async () => kavenegar.accepted.length >= 60);
  await first.exited;
  const atKill = kavenegar.accepted.length;
  const [sentAtKill] = await db.select({ n: count() }).from(notifications).where(eq(notifications.status, "sent"));
  checks.check(
    "the worker was killed mid-batch, with messages accepted at Kavenegar but not yet marked sent",
    atKill < 150 && (sentAtKill?.n ?? 0) < atKill,
    `${atKill} accepted, ${sentAtKill?.n} marked sent at the kill`,
  );

  const second = startWorker({ databaseUrl: database.url, secrets, kavenegarApiBase: kavenegar.apiBase });
  // The interrupted ones wait for their sender's 30-second claim to run out and the sweep's next minute.
  await waitFor("every notification sent", 150_000, async () => {
    const [row] = await db.select({ n: count() }).from(notifications).where(eq(notifications.status, "sent"));
    return row?.n === 150;
  });
  second.stop();
  const code = await second.exited;

  const localIds = new Set(kavenegar.accepted.map((a) => a.localid));
  const receptors = new Set(kavenegar.accepted.map((a) => a.receptor));
  checks.check(
    "every message reached Kavenegar exactly once (150 accepted, 150 distinct local ids and phones)",
    kavenegar.accepted.length === 150 && localIds.size === 150 && receptors.size === 150,
    `${kavenegar.accepted.length} accepted, ${localIds.size} local ids, ${receptors.size} phones`,
  );
  const outbox = await db
    .select({ n: count() })
    .from(smsOutbox)
    .where(and(eq(smsOutbox.status, "sent"), isNotNull(smsOutbox.providerMessageId)));
  const [allOutbox] = await db.select({ n: count() }).from(smsOutbox);
  checks.check(
    "one outbox row per notification, each sent with Kavenegar's messageid",
    outbox[0]?.n === 150 && allOutbox?.n === 150,
    `${outbox[0]?.n} sent of ${allOutbox?.n}`,
  );
  checks.check("the restarted worker stops cleanly on SIGTERM", code === 0, `exit ${code}\n${second.output().slice(-800)}`);
}

async function main(): Promise<number> {
  const lock = await holdBuildLock();
  onTeardown("release the build lock", lock.release);
  // The worker scenario needs no Next.js build.
  if (flags.only !== "worker") ensureBuild({ skip: flags["no-build"] });
  const checks = checkList();
  const started = Date.now();
  // --only=crash|drain|dbgap|instances|topology|worker|embedded runs one scenario.
  const scenarios: [string, string, (checks: Checks) => Promise<void>][] = [
    ["crash", "Crash: SIGKILL while callbacks are in flight, restart, cleanup", crashScenario],
    [
      "drain",
      "Drain: SIGTERM while callbacks are in flight (a deploy)",
      (c) => drainScenario(c, { freshDeployment, startTracked, ports: PORTS }),
    ],
    [
      "dbgap",
      "The database goes away for 10 s under a steady load of payments",
      (c) => dbGapScenario(c, { freshDeployment, startTracked, ports: PORTS }),
    ],
    ["instances", "Two instances on one Postgres racing for the same slots", (c) => twoInstanceScenario(c)],
    [
      "topology",
      "Two instances behind HAProxy, on Postgres through PgBouncer (transaction mode), racing for the same slots",
      (c) => twoInstanceScenario(c, { topology: true }),
    ],
    ["worker", "Worker: SIGKILL mid-batch of SMS, restart, every message sent exactly once", workerCrashScenario],
    ["embedded", "Two servers on one embedded PGlite directory, then SIGKILL", (c) => embeddedDatabaseScenario(c, startTracked, PORTS)],
  ];
  for (const [key, name, run] of scenarios) if (!flags.only || flags.only === key) await checks.scenario(name, () => run(checks));
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
