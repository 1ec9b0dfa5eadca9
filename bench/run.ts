import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { freePort, newSecrets, startAppServer, type AppServer } from "./support/app-server";
import { countCpu } from "./support/cpu";
import { prepareFloorItems, runFloor, type FloorRun } from "./support/db-floor";
import { prepareBuildAndDatabase, machineFacts } from "./support/environment";
import { seedCalendarDoctor, seedDoctorWithSlots, seedPatients } from "./support/fixtures";
import { deliverCallback, mapLimit, serverEngine, startAndPay } from "./support/gateway-flow";
import { expectStatuses, load, type LoadRun } from "./support/load";
import { sampleMemory } from "./support/memory";
import { projectRoot } from "./support/paths";
import { prepareData, readSmallResult } from "./support/data-size";
import { benchMarkdown, dataSizeComparison, sseOnlyMarkdown, type BenchResult } from "./support/report";
import { callbackRoundTrips } from "./support/round-trips";
import { reservationsPerSlot, settlementOf } from "./support/settlement";
import { measureScaleOut } from "./support/scale-out";
import { runSseScenario, type SseResult } from "./support/sse";
import { onTeardown, teardown } from "./support/teardown";

/** `npm run bench`: fulfilment throughput, read path, the race, push to open conversations and server memory,
 * on real Postgres against the production server (`--only=sse`: the push bench alone). See README.md
 * § Benchmarks for what each figure means. */

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    /** `large`: fill the database first (testing/large-data.ts) and compare with the small-data run. */
    data: { type: "string", default: "small" },
    /** Fraction of the large data set, to try it small first. */
    scale: { type: "string", default: "1" },
    out: { type: "string" },
    /** `sse`: only the push bench (500 open conversations), into bench/results/latest-sse.json. */
    only: { type: "string" },
    /** The small-data result the large run is set beside. */
    compare: { type: "string", default: path.join(projectRoot, "bench", "results", "latest.json") },
  },
});
if (flags.data !== "small" && flags.data !== "large") throw new Error(`--data must be small or large, got ${flags.data}`);
if (flags.only !== undefined && flags.only !== "sse") throw new Error(`--only takes sse, got ${flags.only}`);
const ONLY_SSE = flags.only === "sse";
if (ONLY_SSE && flags.data !== "small") throw new Error("--only=sse runs on the small data set");
const LARGE = flags.data === "large";
const OUT =
  flags.out ?? path.join(projectRoot, "bench", "results", ONLY_SSE ? "latest-sse.json" : LARGE ? "latest-large.json" : "latest.json");

const QUICK = flags.quick;
const LEVELS = [1, 8, 32] as const;
/** Payments per concurrency level: enough for several seconds of steady state at each. */
const PAYMENTS: Record<(typeof LEVELS)[number], number> = QUICK ? { 1: 40, 8: 120, 32: 200 } : { 1: 300, 8: 1_000, 32: 1_500 };
/** Operations per level for the database floors, which run far faster. */
const FLOOR_OPS: Record<(typeof LEVELS)[number], number> = QUICK ? { 1: 200, 8: 400, 32: 600 } : { 1: 500, 8: 2_000, 32: 3_000 };
const FRAMEWORK_SECONDS = QUICK ? 2 : 5;
const READ_CONNECTIONS = 50;
/** Issue 15 §1, as ratios to the trivial route in the same run: the public pages ≥ 0.5× its rate with p99
 * ≤ 2× its p99, slot data ≥ 0.7× its rate. */
const READ_TARGETS: Record<string, { minToTrivial: number; maxP99ToTrivial?: number }> = {
  home: { minToTrivial: 0.5, maxP99ToTrivial: 2 },
  search: { minToTrivial: 0.5, maxP99ToTrivial: 2 },
  doctorPage: { minToTrivial: 0.5, maxP99ToTrivial: 2 },
  slotData: { minToTrivial: 0.7 },
};
const READ_SECONDS = QUICK ? 3 : 10;
const RACE = { patients: 200, slots: 20 };
/** The server's connection pool (lib/config.ts DATABASE_POOL_MAX default); the floors get the same. */
const POOL_MAX = 10;
/** The route the framework floor is measured on: the callback itself, refused before any work (no query,
 * so no database and no gateway) — the cost of Next.js reaching and answering this route handler. */
const TRIVIAL_PATH = "/api/payments/callback";
/** What a browser sends when it loads a page: compressed answers, and HTML asked for (the page cache answers
 * only page loads, lib/public-cache/page-cache.ts). */
const BROWSER_HEADERS = {
  "accept-encoding": "gzip, deflate, br",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
};
/** Issue 17 §2: 500 open conversations on one instance, the server at rest, then a steady 20 messages a
 * second; the p99 target (300 ms) is in bench/support/sse.ts. */
const SSE = { conversations: 500, doctors: 50, idleSeconds: QUICK ? 5 : 15, ratePerSecond: 20, loadSeconds: QUICK ? 10 : 30 };
const SETTINGS = {
  poolMax: POOL_MAX,
  trivialPath: TRIVIAL_PATH,
  readConnections: READ_CONNECTIONS,
  readSeconds: READ_SECONDS,
  frameworkSeconds: FRAMEWORK_SECONDS,
};

/** For the failure report: what the server said last. */
let runningServer: AppServer | undefined;

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const pick = (run: LoadRun | FloorRun) => ({ perSecond: round(run.perSecond), p50Ms: round(run.p50Ms), p99Ms: round(run.p99Ms) });

/** The production server of one run, on a free port, with the secrets the bench seals sessions with. With
 * `ownGateway`, the ZarinPal sandbox it verifies at is another process (a second `next start` of the same
 * deployment, its job worker off), as ZarinPal is in production: otherwise every paid reservation costs the
 * measured server two requests — the callback and the sandbox's answer to its own verify. */
async function startBenchServer(databaseUrl: string, options: { ownGateway?: boolean } = {}) {
  const secrets = newSecrets();
  let gatewayUrl: string | undefined;
  if (options.ownGateway) {
    const gateway = await startAppServer({
      name: "bench-gateway",
      port: await freePort(3210, 3239),
      databaseUrl,
      secrets,
      env: { DATABASE_POOL_MAX: String(POOL_MAX), JOBS_IN_APP: "false" },
    });
    onTeardown("stop the gateway", gateway.stop);
    gatewayUrl = gateway.url;
    log(`gateway (the ZarinPal sandbox) ${gateway.url} (pid ${gateway.pid})`);
  }
  const port = await freePort(3210, 3239);
  const server = await startAppServer({
    name: "bench",
    port,
    databaseUrl,
    secrets,
    env: { DATABASE_POOL_MAX: String(POOL_MAX), ...(gatewayUrl && { ZARINPAL_API_BASE: `${gatewayUrl}/sandbox` }) },
  });
  runningServer = server;
  onTeardown("stop the server", server.stop);
  log(`server ${server.url} (pid ${server.pid})`);
  return { server, secrets, gatewayUrl: gatewayUrl ?? server.url };
}

function runPush(
  db: Parameters<typeof runSseScenario>[0],
  server: AppServer,
  sessionPassword: string,
  databaseUrl: string,
): Promise<SseResult> {
  return runSseScenario(
    db,
    serverEngine(db, server.url),
    { serverUrl: server.url, serverPid: server.pid, databaseUrl, sessionPassword, ...SSE },
    log,
  );
}

/** `--only=sse`: a fresh database and server for the push bench alone. */
async function pushOnly() {
  const database = await prepareBuildAndDatabase({ build: { skip: flags["no-build"], force: flags.rebuild } });
  const started = Date.now();
  const { db, url } = database;
  const machine = await machineFacts(db);
  const { server, secrets } = await startBenchServer(url);
  const sse = await runPush(db, server, secrets.sessionPassword, url);
  const violations = await invariantViolations(db);
  const result = {
    ranAt: new Date(started).toISOString(),
    tookSeconds: Math.round((Date.now() - started) / 1000),
    quick: QUICK,
    machine,
    settings: SETTINGS,
    sse,
    invariantViolations: violations.slice(0, 20),
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\n${sseOnlyMarkdown(result)}\n\n**Checks** — database invariants: ${violations.length === 0 ? "✓" : `✗ ${violations.slice(0, 20).join("; ")}`}\n`,
  );
  log(`wrote ${path.relative(process.cwd(), OUT)}`);
  if (sse.load.delivered < sse.load.sent || violations.length > 0) throw new Error("the run broke a guarantee: see push and checks above");
}

async function main() {
  const database = await prepareBuildAndDatabase({ build: { skip: flags["no-build"], force: flags.rebuild } });
  const started = Date.now();
  const { db, url } = database;
  const machine = await machineFacts(db);
  const data = await prepareData(db, { large: LARGE, scale: Number(flags.scale) });

  log("seeding");
  const patients = await seedPatients(db, 1_000);
  const patientFor = (i: number) => patients[i % patients.length]!;
  const calendar = await seedCalendarDoctor(db);
  const warmDoctor = await seedDoctorWithSlots(db, 40);
  const countedDoctor = await seedDoctorWithSlots(db, 1);
  const levelDoctors = new Map<number, Awaited<ReturnType<typeof seedDoctorWithSlots>>>();
  for (const c of LEVELS) levelDoctors.set(c, await seedDoctorWithSlots(db, PAYMENTS[c]));
  const floorDoctors = new Map<string, Awaited<ReturnType<typeof seedDoctorWithSlots>>>();
  for (const c of LEVELS) {
    for (const scope of ["transaction", "fulfilment"] as const)
      floorDoctors.set(`${scope}:${c}`, await seedDoctorWithSlots(db, FLOOR_OPS[c]));
  }
  const raceDoctor = await seedDoctorWithSlots(db, RACE.slots);
  const racePatients = await seedPatients(db, RACE.patients);

  const { server, secrets, gatewayUrl } = await startBenchServer(url, { ownGateway: true });
  const memory = sampleMemory(server.pid);
  onTeardown("stop sampling memory", async () => memory.stop());
  const engine = serverEngine(db, gatewayUrl);

  /** Every payment made through the server in this run, for the closing check. */
  const throughServer: string[] = [];
  const payAll = async (doctor: { slotIds: string[] }, concurrency = 8) => {
    const paid = await mapLimit(doctor.slotIds, concurrency, (slotId, i) =>
      startAndPay(engine, { userId: patientFor(i), slotId, sandboxServerUrl: gatewayUrl }),
    );
    throughServer.push(...paid.map((p) => p.authority));
    return paid;
  };

  log("warming up (JIT, lazily loaded route modules)");
  const warm = await payAll(warmDoctor);
  await mapLimit(warm, 4, (paid) => deliverCallback(paid.callbackUrl));
  for (const route of [TRIVIAL_PATH, `/doctors/${calendar.doctorId}`, `/api/doctors/${calendar.doctorId}/slots`, "/api/health"]) {
    await load({ url: `${server.url}${route}`, connections: 8, seconds: 2 });
  }
  memory.phasePeak();

  const roundTrips = await callbackRoundTrips(url, server.url, { userId: patientFor(0), slotId: countedDoctor.slotIds[0]! });
  log(`one paid reservation's callback: ${roundTrips.count} round trips to Postgres (${roundTrips.statements.join(" · ")})`);

  const fulfilment = [];
  const phaseMemory: Record<string, number | null> = {};
  for (const c of LEVELS) {
    const framework = await load({ url: `${server.url}${TRIVIAL_PATH}`, connections: c, seconds: FRAMEWORK_SECONDS });
    expectStatuses(framework, [303], "framework floor");

    const doctor = levelDoctors.get(c)!;
    log(`c=${c}: starting ${doctor.slotIds.length} payments and paying them at the sandbox (not measured)`);
    const paid = await payAll(doctor);
    memory.phasePeak();
    const callbacks = paid.map((p) => new URL(p.callbackUrl)).map((u) => `${u.pathname}${u.search}`);
    const cpu = countCpu(server.pid, url);
    const run = await load({ url: server.url, connections: c, paths: callbacks });
    const cpuPerPayment = cpu.perOperation(paid.length);
    phaseMemory[`fulfilment c=${c}`] = memory.phasePeak();
    expectStatuses(run, [303], `fulfilment c=${c}`);
    const settled = await settlementOf(
      db,
      paid.map((p) => p.authority),
    );
    if (settled.problems.length > 0 || settled.reservations !== paid.length) {
      throw new Error(`fulfilment c=${c}: ${settled.reservations}/${paid.length} reserved; ${settled.problems.slice(0, 5).join("; ")}`);
    }

    const floors: Record<"transaction" | "fulfilment", FloorRun> = {} as never;
    for (const scope of ["transaction", "fulfilment"] as const) {
      const floorDoctor = floorDoctors.get(`${scope}:${c}`)!;
      const items = await prepareFloorItems(db, {
        userIds: floorDoctor.slotIds.map((_, i) => patientFor(i)),
        slotIds: floorDoctor.slotIds,
        doctorId: floorDoctor.doctorId,
        amountRial: floorDoctor.feeRial,
      });
      floors[scope] = await runFloor(url, items, { concurrency: c, poolMax: POOL_MAX, scope });
    }
    const row = {
      concurrency: c,
      payments: paid.length,
      ...pick(run),
      cpuMsPerPayment: cpuPerPayment,
      frameworkFloor: pick(framework),
      transactionFloor: pick(floors.transaction),
      statementsFloor: pick(floors.fulfilment),
      ratios: {
        toFramework: round(run.perSecond / framework.perSecond, 3),
        toTransaction: round(run.perSecond / floors.transaction.perSecond, 3),
        toStatements: round(run.perSecond / floors.fulfilment.perSecond, 3),
      },
    };
    fulfilment.push(row);
    log(
      `c=${c}: ${row.perSecond} paid reservations/s (framework ${row.frameworkFloor.perSecond} req/s, transaction ${row.transactionFloor.perSecond}/s)`,
    );
  }

  log(`read path: ${READ_CONNECTIONS} connections × ${READ_SECONDS} s per route`);
  const readRoutes = {
    trivial: TRIVIAL_PATH,
    health: "/api/health",
    home: "/",
    search: "/doctors?free=week",
    doctorPage: `/doctors/${calendar.doctorId}`,
    slotData: `/api/doctors/${calendar.doctorId}/slots`,
  } as const;
  const read: BenchResult["readPath"] = {};
  let trivial = { perSecond: 0, p99Ms: 0 };
  for (const [name, route] of Object.entries(readRoutes)) {
    // A server in service is warm: the first visitor after a change renders the page and fills the cache
    // (lib/public-cache/page-cache.ts), the rest are answered from it. That first render is not the rate.
    for (let i = 0; i < 3; i++)
      await fetch(`${server.url}${route}`, { headers: BROWSER_HEADERS, redirect: "manual" }).then((r) => r.arrayBuffer());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cpu = countCpu(server.pid, url);
    const run = await load({
      url: `${server.url}${route}`,
      connections: READ_CONNECTIONS,
      seconds: READ_SECONDS,
      headers: BROWSER_HEADERS,
    });
    const cpuPerRequest = cpu.perOperation(run.requests);
    expectStatuses(run, name === "trivial" ? [303] : [200], `read path ${name}`);
    if (name === "trivial") trivial = run;
    const target = READ_TARGETS[name];
    const toTrivial = round(run.perSecond / trivial.perSecond, 3);
    const p99ToTrivial = round(run.p99Ms / trivial.p99Ms, 2);
    read[name] = {
      path: route.replace(calendar.doctorId, "{doctorId}"),
      ...pick(run),
      toTrivial,
      p99ToTrivial,
      cpuMsPerRequest: cpuPerRequest,
      ...(target && {
        target,
        meetsTarget: toTrivial >= target.minToTrivial && (target.maxP99ToTrivial === undefined || p99ToTrivial <= target.maxP99ToTrivial),
      }),
    };
  }
  phaseMemory["read path"] = memory.phasePeak();

  const scaleOut = await measureScaleOut({
    firstPort: Number(new URL(server.url).port),
    databaseUrl: url,
    secrets,
    env: { DATABASE_POOL_MAX: String(POOL_MAX) },
    routes: { trivial: TRIVIAL_PATH, doctorPage: readRoutes.doctorPage, slotData: readRoutes.slotData },
    connections: READ_CONNECTIONS,
    seconds: READ_SECONDS,
    headers: BROWSER_HEADERS,
    log,
  });

  log(`race: ${RACE.patients} patients pay for ${RACE.slots} slots at once`);
  const raceStarted = performance.now();
  const racePaid = await Promise.all(
    racePatients.map((userId, i) =>
      startAndPay(engine, { userId, slotId: raceDoctor.slotIds[i % RACE.slots]!, sandboxServerUrl: gatewayUrl }),
    ),
  );
  throughServer.push(...racePaid.map((p) => p.authority));
  const stormStarted = performance.now();
  const raceAnswers = await Promise.all(racePaid.map((p) => deliverCallback(p.callbackUrl)));
  const raceEnded = performance.now();
  phaseMemory.race = memory.phasePeak();
  const raceSettlement = await settlementOf(
    db,
    racePaid.map((p) => p.authority),
  );
  const perSlot = await reservationsPerSlot(db, raceDoctor.slotIds);
  const race = {
    ...RACE,
    reservations: raceSettlement.reservations,
    refunds: raceSettlement.refunds,
    slotsWithOneReservation: [...perSlot.values()].filter((n) => n === 1).length,
    callbackStatuses: Object.fromEntries(
      [...new Set(raceAnswers.map((a) => a.status))].map((status) => [status, raceAnswers.filter((a) => a.status === status).length]),
    ),
    paidRial: raceSettlement.paidRial,
    reservedRial: raceSettlement.reservedRial,
    refundedRial: raceSettlement.refundedRial,
    moneyConserved: raceSettlement.paidRial === raceSettlement.reservedRial + raceSettlement.refundedRial,
    callbacksSeconds: round((raceEnded - stormStarted) / 1000, 2),
    wallSeconds: round((raceEnded - raceStarted) / 1000, 2),
    problems: raceSettlement.problems,
  };
  const raceOk =
    race.reservations === RACE.slots &&
    race.refunds === RACE.patients - RACE.slots &&
    race.slotsWithOneReservation === RACE.slots &&
    race.moneyConserved &&
    race.problems.length === 0;

  const sse = await runPush(db, server, secrets.sessionPassword, url);
  phaseMemory["push, 500 streams"] = memory.phasePeak();

  log("checking every payment of the run and the database invariants");
  const everything = await settlementOf(db, throughServer);
  const violations = await invariantViolations(db);
  const peak = memory.peak();
  const result: BenchResult = {
    ranAt: new Date(started).toISOString(),
    tookSeconds: Math.round((Date.now() - started) / 1000),
    quick: QUICK,
    data,
    machine,
    settings: SETTINGS,
    fulfilment,
    callbackRoundTrips: roundTrips.count,
    readPath: read,
    scaleOut: {
      ...scaleOut,
      rows: scaleOut.rows.map((row) => ({ ...row, path: row.path.replace(calendar.doctorId, "{doctorId}") })),
    },
    race: { ...race, ok: raceOk },
    memory: { peakRssMiB: peak.sampledPeakMiB, kernelPeakRssMiB: peak.kernelPeakMiB, phases: phaseMemory },
    checks: {
      paymentsAtGateway: everything.paidAtGateway,
      settlementProblems: everything.problems.slice(0, 20),
      invariantViolations: violations.slice(0, 20),
    },
    sse,
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${benchMarkdown(result)}\n`);
  if (LARGE) console.log(`${dataSizeComparison(readSmallResult(flags.compare), result)}\n`);
  log(`wrote ${path.relative(process.cwd(), OUT)}`);
  const failed = !raceOk || everything.problems.length > 0 || violations.length > 0 || sse.load.delivered < sse.load.sent;
  if (failed) throw new Error("the run broke a guarantee: see race and checks above");
}

try {
  await (ONLY_SSE ? pushOnly() : main());
  await teardown();
} catch (error) {
  console.error(`[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (runningServer) console.error(`--- last output of the server ---\n${runningServer.logTail()}`);
  await teardown();
  process.exit(1);
}
