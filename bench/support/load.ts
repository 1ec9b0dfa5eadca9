import autocannon from "autocannon";

/** Load runs with autocannon against a running server. */

export type LoadRun = {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
};

export type LoadOptions = {
  url: string;
  connections: number;
  /** Run for this many seconds… */
  seconds?: number;
  /** …or send exactly these paths, each once, `connections` at a time. */
  paths?: string[];
  headers?: Record<string, string>;
};

export async function load(options: LoadOptions): Promise<LoadRun> {
  const { paths } = options;
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: paths ? Math.min(options.connections, paths.length) : options.connections,
    // autocannon notices the end of a fixed amount only when it takes a sample: sampling often keeps the
    // measured duration (and so the rate) from being rounded up to whole seconds.
    ...(paths ? { amount: paths.length, sampleInt: 20 } : { duration: options.seconds ?? 10 }),
    headers: options.headers,
    timeout: 60,
    ...(paths ? { requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }] } : {}),
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
  const requests = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  return {
    requests,
    seconds: result.duration,
    perSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Throws unless every response had one of the expected statuses and none failed. */
export function expectStatuses(run: LoadRun, expected: number[], what: string): void {
  const unexpected = Object.entries(run.statuses).filter(([code]) => !expected.includes(Number(code)));
  if (unexpected.length > 0 || run.errors > 0 || run.timeouts > 0) {
    throw new Error(
      `${what}: statuses ${JSON.stringify(run.statuses)}, ${run.errors} errors, ${run.timeouts} timeouts (expected only ${expected.join("/")})`,
    );
  }
}
