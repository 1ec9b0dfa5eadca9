import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot } from "./paths";

/** The scale-out made of real parts (docs/scaling.md): Debian's PgBouncer in transaction mode between the app
 * instances and PostgreSQL, Debian's HAProxy in front of them, each started from the templates in
 * deploy/topology/ for one test run. Installs the packages when the machine lacks them, as .ci/run does. */

const HOST = "127.0.0.1";

export type RunningProcess = { url: string; port: number; stop(): Promise<void>; output(): string };

/** `binary` from Debian's `pkg`, installed with apt-get when missing (as root; otherwise an error saying so). */
export function ensureDebianPackage(pkg: string, binary: string): string {
  if (existsSync(binary)) return binary;
  if (process.getuid?.() !== 0) throw new Error(`${binary} is missing: install Debian's ${pkg} (apt-get install ${pkg})`);
  console.log(`[topology] installing Debian's ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "inherit", env });
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "inherit", env });
  }
  if (result.status !== 0 || !existsSync(binary)) throw new Error(`could not install Debian's ${pkg}`);
  return binary;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`template value ${key} missing`);
    return values[key]!;
  });
}

/** A directory every user can read: PgBouncer, started as root, drops to the postgres user before reading its
 * auth file. */
function configDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

function track(name: string, child: ChildProcess, dir: string) {
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    exited,
    name,
  };
}

async function waitFor(what: string, ready: () => Promise<boolean>, exited: Promise<void>, output: () => string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${what} exited at start:\n${output()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms:\n${output()}`);
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, HOST);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** PgBouncer in transaction mode on `port`, in front of the Postgres at `postgres` (host:port). */
export async function startPgBouncer(input: { port: number; postgresHost: string; postgresPort: number }): Promise<RunningProcess> {
  const binary = ensureDebianPackage("pgbouncer", "/usr/sbin/pgbouncer");
  const dir = configDir("drturn-pgbouncer-");
  const authFile = path.join(dir, "userlist.txt");
  writeFileSync(authFile, '"postgres" ""\n', { mode: 0o644 });
  const ini = path.join(dir, "pgbouncer.ini");
  const template = readFileSync(path.join(projectRoot, "deploy", "topology", "pgbouncer.ini"), "utf8");
  writeFileSync(
    ini,
    fill(template, {
      PG_HOST: input.postgresHost,
      PG_PORT: String(input.postgresPort),
      LISTEN_PORT: String(input.port),
      AUTH_FILE: authFile,
    }),
    { mode: 0o644 },
  );
  // PgBouncer refuses to run as root: as root (CI), it is told to become the postgres user.
  const args = process.getuid?.() === 0 ? ["-u", "postgres", ini] : [ini];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  const tracked = track("pgbouncer", child, dir);
  await waitFor("pgbouncer", () => accepts(input.port), tracked.exited, tracked.output);
  return { url: `postgres://postgres@${HOST}:${input.port}`, port: input.port, stop: tracked.stop, output: tracked.output };
}

/** HAProxy on `port`, balancing over the app instances on `backends` with /api/health checks. */
export async function startHaproxy(input: { port: number; backends: { name: string; port: number }[] }): Promise<RunningProcess> {
  const binary = ensureDebianPackage("haproxy", "/usr/sbin/haproxy");
  const dir = configDir("drturn-haproxy-");
  const cfg = path.join(dir, "haproxy.cfg");
  const servers = input.backends.map((b) => `    server ${b.name} ${HOST}:${b.port} check inter 1s fall 3 rise 2`).join("\n");
  const template = readFileSync(path.join(projectRoot, "deploy", "topology", "haproxy.cfg"), "utf8");
  writeFileSync(cfg, fill(template, { LISTEN_PORT: String(input.port), SERVERS: servers }), { mode: 0o644 });
  const check = spawnSync(binary, ["-c", "-f", cfg], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy rejects the configuration:\n${check.stdout}${check.stderr}`);
  // -db: stay in the foreground, so stopping the child stops the balancer.
  const child = spawn(binary, ["-db", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
  const tracked = track("haproxy", child, dir);
  const url = `http://${HOST}:${input.port}`;
  const healthy = async () => {
    try {
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  };
  await waitFor("haproxy", healthy, tracked.exited, tracked.output);
  return { url, port: input.port, stop: tracked.stop, output: tracked.output };
}
