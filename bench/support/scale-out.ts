import { freePort, startAppServer, type DeploymentSecrets } from "./app-server";
import { load } from "./load";
import { startHaproxy } from "./topology";

/** Issue 15 §4: one instance against two behind Debian's HAProxy (deploy/topology/haproxy.cfg), the same
 * routes at the same load. Both instances run on this machine's cores: on 2 cores a second instance can share
 * the work and the balancer's hop costs some, so the ratio says what the topology costs or gives here, not
 * what two machines would. */

export type ScaleOutRow = {
  path: string;
  oneInstance: { perSecond: number; p99Ms: number };
  twoInstances: { perSecond: number; p99Ms: number };
  /** Two instances' rate over one instance's, both behind the balancer. */
  ratio: number;
};

export type ScaleOutResult = { connections: number; seconds: number; rows: ScaleOutRow[] };

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function measureScaleOut(input: {
  firstPort: number;
  databaseUrl: string;
  secrets: DeploymentSecrets;
  env: Record<string, string>;
  routes: Record<string, string>;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  log: (message: string) => void;
}): Promise<ScaleOutResult> {
  const secondPort = await freePort(input.firstPort + 1, input.firstPort + 20);
  const second = await startAppServer({
    name: "bench-b",
    port: secondPort,
    databaseUrl: input.databaseUrl,
    secrets: input.secrets,
    env: input.env,
  });
  try {
    const measure = async (backends: { name: string; port: number }[]) => {
      const balancer = await startHaproxy({ port: await freePort(secondPort + 1, secondPort + 20), backends });
      try {
        const rates: Record<string, { perSecond: number; p99Ms: number }> = {};
        for (const [name, route] of Object.entries(input.routes)) {
          // Warm each instance's caches the way visitors keep them warm.
          for (let i = 0; i < 4; i++)
            await fetch(`${balancer.url}${route}`, { headers: input.headers, redirect: "manual" }).then((r) => r.arrayBuffer());
          const run = await load({
            url: `${balancer.url}${route}`,
            connections: input.connections,
            seconds: input.seconds,
            headers: input.headers,
          });
          rates[name] = { perSecond: round(run.perSecond), p99Ms: round(run.p99Ms) };
        }
        return rates;
      } finally {
        await balancer.stop();
      }
    };
    input.log(`scale-out: one instance behind HAProxy, then two, ${input.connections} connections × ${input.seconds} s per route`);
    const one = await measure([{ name: "a", port: input.firstPort }]);
    const two = await measure([
      { name: "a", port: input.firstPort },
      { name: "b", port: secondPort },
    ]);
    return {
      connections: input.connections,
      seconds: input.seconds,
      rows: Object.entries(input.routes).map(([name, route]) => ({
        path: route,
        oneInstance: one[name]!,
        twoInstances: two[name]!,
        ratio: round(two[name]!.perSecond / one[name]!.perSecond, 2),
      })),
    };
  } finally {
    await second.stop();
  }
}
