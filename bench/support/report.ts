import type { LargeDataCounts } from "@/testing/large-data";
import type { ScaleOutResult } from "./scale-out";
import type { SseResult } from "./sse";

/** The shape of bench/results/latest.json (latest-large.json for `--data=large`) and its Markdown rendering. */

type Rate = { perSecond: number; p50Ms: number; p99Ms: number };
type Cpu = { serverMs: number | null; postgresMs: number | null };

export type BenchResult = {
  ranAt: string;
  tookSeconds: number;
  quick: boolean;
  /** Absent in results written before `--data` existed: those are small. */
  data?: { size: "small" | "large"; scale: number | null; fillSeconds: number | null; rows: LargeDataCounts | null };
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    postgres: string;
    loadAverageAtStart: number;
    nextBuildId: string;
  };
  settings: { poolMax: number; trivialPath: string; readConnections: number; readSeconds: number; frameworkSeconds: number };
  /** Round trips to Postgres of one paid reservation's callback (absent in results written before it was counted). */
  callbackRoundTrips?: number;
  fulfilment: (Rate & {
    concurrency: number;
    payments: number;
    cpuMsPerPayment: Cpu;
    frameworkFloor: Rate;
    transactionFloor: Rate;
    statementsFloor: Rate;
    ratios: { toFramework: number; toTransaction: number; toStatements: number };
  })[];
  readPath: Record<
    string,
    Rate & {
      path: string;
      toTrivial: number;
      p99ToTrivial?: number;
      cpuMsPerRequest: Cpu;
      target?: { minToTrivial: number; maxP99ToTrivial?: number };
      meetsTarget?: boolean;
    }
  >;
  /** One instance against two behind HAProxy (absent in results written before it was measured). */
  scaleOut?: ScaleOutResult;
  race: {
    patients: number;
    slots: number;
    reservations: number;
    refunds: number;
    slotsWithOneReservation: number;
    callbackStatuses: Record<string, number>;
    paidRial: number;
    reservedRial: number;
    refundedRial: number;
    moneyConserved: boolean;
    callbacksSeconds: number;
    wallSeconds: number;
    problems: string[];
    ok: boolean;
  };
  memory: { peakRssMiB: number | null; kernelPeakRssMiB: number | null; phases: Record<string, number | null> };
  checks: { paymentsAtGateway: number; settlementProblems: string[]; invariantViolations: string[] };
  /** Absent in results written before the push bench existed. */
  sse?: SseResult;
};

const n = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 1 });
const ms = (value: number) => `${n(value)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const cpu = (value: Cpu) => `${value.serverMs ?? "n/a"} / ${value.postgresMs ?? "n/a"}`;
const mib = (value: number | null) => (value === null ? "n/a" : `${value} MiB`);

const percent = (value: number | null) => (value === null ? "n/a" : `${n(value)} %`);

/** Push to open conversations: the server at rest with every stream open, then the latency of a steady flow. */
export function sseMarkdown(sse: SseResult): string {
  const { idle, load } = sse;
  return [
    `**Push (Server-Sent Events)** — ${sse.conversations} open conversations on one server (${sse.doctors} doctors), opened in ${sse.openSeconds} s`,
    "",
    // No "per stream" figure: the server's garbage collector moves RSS by more than 500 idle streams weigh.
    "| open streams | idle for | CPU: server / postgres | server RSS: before → streams open |",
    "| ---: | ---: | ---: | ---: |",
    `| ${sse.conversations} | ${idle.seconds} s | ${percent(idle.serverCpuPercent)} / ${percent(idle.postgresCpuPercent)} | ${mib(idle.rssBeforeMiB)} → ${mib(idle.rssOpenMiB)} |`,
    "",
    `Messages from the doctors at ${load.ratePerSecond}/s for ${load.seconds} s (POST /api/chats/{id}/messages), each timed until it arrives on its patient's open stream`,
    "",
    "| sent | delivered | p50 | p99 | max | target p99 | POST p99 | CPU: server / postgres | CPU ms each: server / postgres | server RSS | verdict |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    `| ${load.sent} | ${load.delivered} | ${ms(load.p50Ms)} | **${ms(load.p99Ms)}** | ${ms(load.maxMs)} | ≤ ${ms(sse.targetP99Ms)} | ${ms(load.sendP99Ms)} | ${percent(load.serverCpuPercent)} / ${percent(
      load.postgresCpuPercent,
    )} | ${cpu(load.cpuMsPerMessage)} | ${mib(load.rssMiB)} | ${sse.ok ? "ok" : load.delivered < load.sent ? "LOST MESSAGES" : "over target"} |`,
  ].join("\n");
}

/** The machine line every table set starts with. */
function machineLine(result: Pick<BenchResult, "machine" | "settings">): string {
  const { machine, settings } = result;
  return `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB · Node ${machine.node} · PostgreSQL ${machine.postgres} · next start, pool ${settings.poolMax} · build ${machine.nextBuildId} · load average at start ${machine.loadAverageAtStart}`;
}

/** `--only=sse`: the push tables alone, under the same heading and machine line as a full run. */
export function sseOnlyMarkdown(result: Pick<BenchResult, "ranAt" | "machine" | "settings" | "quick"> & { sse: SseResult }): string {
  return [
    `### Dr. Turn bench, push only — ${result.ranAt.slice(0, 16).replace("T", " ")} UTC${result.quick ? " (quick run)" : ""}`,
    "",
    machineLine(result),
    "",
    sseMarkdown(result.sse),
  ].join("\n");
}

export function benchMarkdown(result: BenchResult): string {
  const { settings } = result;
  const lines = [
    `### Dr. Turn bench — ${result.ranAt.slice(0, 16).replace("T", " ")} UTC${result.quick ? " (quick run)" : ""}${result.data?.size === "large" ? ` (large data, scale ${result.data.scale})` : ""}`,
    "",
    ...(result.data?.rows
      ? [
          `Filled in ${result.data.fillSeconds} s: ${Object.entries(result.data.rows)
            .map(([table, rows]) => `${n(rows)} ${table}`)
            .join(", ")}`,
          "",
        ]
      : []),
    machineLine(result),
    "",
    "**Fulfilment** — paid reservations per second through GET /api/payments/callback → verify → one transaction" +
      (result.callbackRoundTrips === undefined
        ? ""
        : ` (${result.callbackRoundTrips} round trips to Postgres each, BEGIN and COMMIT included; the sandbox's own not counted)`),
    "",
    "| concurrent patients | paid reservations/s | p50 | p99 | CPU ms each: server / postgres | framework floor (req/s) | ratio | settle transaction via postgres.js (/s) | ratio | all statements via postgres.js (/s) | ratio |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.fulfilment.map(
      (row) =>
        `| ${row.concurrency} | **${n(row.perSecond)}** | ${ms(row.p50Ms)} | ${ms(row.p99Ms)} | ${cpu(row.cpuMsPerPayment)} | ${n(row.frameworkFloor.perSecond)} | ${ratio(row.ratios.toFramework)} | ${n(row.transactionFloor.perSecond)} | ${ratio(row.ratios.toTransaction)} | ${n(row.statementsFloor.perSecond)} | ${ratio(row.ratios.toStatements)} |`,
    ),
    "",
    `**Read path** — ${settings.readConnections} concurrent users, ${settings.readSeconds} s per route, accepting gzip like a browser`,
    "",
    "| route | requests/s | p50 | p99 | vs trivial route: rate / p99 | target | CPU ms each: server / postgres |",
    "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ...Object.values(result.readPath).map(
      (row) =>
        `| \`${row.path}\` | ${n(row.perSecond)} | ${ms(row.p50Ms)} | ${ms(row.p99Ms)} | ${ratio(row.toTrivial)} / ${row.p99ToTrivial ?? "—"}× | ${readTarget(row)} | ${cpu(row.cpuMsPerRequest)} |`,
    ),
    "",
    ...(result.scaleOut
      ? [
          `**Scale-out** — the same routes through HAProxy (deploy/topology/haproxy.cfg) to one instance, then to two on this machine's cores, ${result.scaleOut.connections} connections × ${result.scaleOut.seconds} s`,
          "",
          "| route | one instance (/s) | p99 | two instances (/s) | p99 | two ÷ one |",
          "| --- | ---: | ---: | ---: | ---: | ---: |",
          ...result.scaleOut.rows.map(
            (row) =>
              `| \`${row.path}\` | ${n(row.oneInstance.perSecond)} | ${ms(row.oneInstance.p99Ms)} | ${n(row.twoInstances.perSecond)} | ${ms(row.twoInstances.p99Ms)} | ${ratio(row.ratio)} |`,
          ),
          "",
        ]
      : []),
    `**The race** — ${result.race.patients} patients pay for ${result.race.slots} slots at once`,
    "",
    "| reservations | auto-refunds | slots with exactly one | money: paid = reserved + refunded | 200 callbacks took | start + pay + callback took | verdict |",
    "| ---: | ---: | ---: | --- | ---: | ---: | --- |",
    `| ${result.race.reservations} | ${result.race.refunds} | ${result.race.slotsWithOneReservation}/${result.race.slots} | ${n(result.race.paidRial)} = ${n(result.race.reservedRial)} + ${n(result.race.refundedRial)} Rial ${result.race.moneyConserved ? "✓" : "✗"} | ${result.race.callbacksSeconds} s | ${result.race.wallSeconds} s | ${result.race.ok ? "ok" : "BROKEN"} |`,
    "",
    `**Server memory** — peak RSS ${mib(result.memory.peakRssMiB)} (kernel high-water mark ${mib(result.memory.kernelPeakRssMiB)}); by phase: ${Object.entries(
      result.memory.phases,
    )
      .map(([phase, value]) => `${phase} ${mib(value)}`)
      .join(", ")}`,
    "",
    `**Checks** — ${result.checks.paymentsAtGateway} payments made through the server in this run, each one reservation or one refund: ${
      result.checks.settlementProblems.length === 0 ? "✓" : `✗ ${result.checks.settlementProblems.join("; ")}`
    }; database invariants: ${result.checks.invariantViolations.length === 0 ? "✓" : `✗ ${result.checks.invariantViolations.join("; ")}`}`,
    ...(result.sse ? ["", sseMarkdown(result.sse)] : []),
  ];
  return lines.join("\n");
}

/** What the issue asks of a large database: every route within 1.5× of its small-data figure. */
const LARGE_DATA_LIMIT = 1.5;

/** Small vs large side by side: each read route's rate and p99, and paid reservations per level. */
export function dataSizeComparison(small: BenchResult | null, large: BenchResult): string {
  if (!small)
    return "**Small vs large data** — no small-data result to compare with: run `npm run bench` first (writes bench/results/latest.json).";
  const row = (name: string, a: Rate | undefined, b: Rate | undefined) => {
    if (!a || !b) return `| ${name} | ${a ? n(a.perSecond) : "—"} | ${b ? n(b.perSecond) : "—"} | | | | |`;
    const slower = a.perSecond / b.perSecond;
    return `| ${name} | ${n(a.perSecond)} | ${n(b.perSecond)} | ${ms(a.p99Ms)} | ${ms(b.p99Ms)} | ${ratio(slower)} | ${slower <= LARGE_DATA_LIMIT ? "✓" : "✗"} |`;
  };
  const when = (result: BenchResult) => `${result.ranAt.slice(0, 16).replace("T", " ")} UTC (load ${result.machine.loadAverageAtStart})`;
  return [
    `**Small vs large data** — small run ${when(small)}, large run ${when(large)} at scale ${large.data?.scale}; target: each within ${LARGE_DATA_LIMIT}× of its small-data rate`,
    "",
    "| measured | small (/s) | large (/s) | small p99 | large p99 | small ÷ large | within target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...Object.entries(large.readPath).map(([name, route]) => row(`\`${route.path}\``, small.readPath[name], route)),
    ...large.fulfilment.map((level) =>
      row(
        `paid reservations, ${level.concurrency} at once`,
        small.fulfilment.find((s) => s.concurrency === level.concurrency),
        level,
      ),
    ),
  ].join("\n");
}

function readTarget(row: BenchResult["readPath"][string]): string {
  if (!row.target) return "—";
  const p99 = row.target.maxP99ToTrivial === undefined ? "" : `, p99 ≤ ${row.target.maxP99ToTrivial}×`;
  return `≥ ${row.target.minToTrivial}×${p99}: ${row.meetsTarget ? "met" : "**not met**"}`;
}
