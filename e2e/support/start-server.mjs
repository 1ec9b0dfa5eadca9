// Starts the production server for the e2e run (see playwright.config.ts): builds first if the build is missing
// or older than a source, runs `npm run db:seed` (migrate + idempotent demo seed) when DATABASE_URL names a real
// Postgres — the server itself seeds only an empty embedded PGlite — then runs `next start` and hands signals on
// to it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PORT = process.env.E2E_PORT || "3100";
const HOST = "127.0.0.1";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// The project's own `next` (what `npx next` would run), started with this node so signals reach it directly.
const require = createRequire(path.join(root, "package.json"));
const nextBin = require.resolve("next/dist/bin/next");
const next = (...args) => [process.execPath, [nextBin, ...args]];

function run(command, args) {
  console.log(`[e2e server] ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`[e2e server] ${command} ${args.join(" ")} failed (${result.signal ?? `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

/** Earlier runs' PGlite directories (.data/e2e-*) older than a day: nobody needs them any more. */
function removeStaleE2eData() {
  const dataDir = path.join(root, ".data");
  if (!existsSync(dataDir)) return;
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith("e2e-")) continue;
    const dir = path.join(dataDir, name);
    try {
      if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run may be removing it too
    }
  }
}

// A build older than any source is built again (as `npm run bench` does): a journey must test the code in
// front of it, not whatever was built last. In CI the build was just made and this only checks it.
run(process.execPath, [require.resolve("tsx/cli"), "bench/support/ensure-build-cli.ts"]);

if (process.env.DATABASE_URL) {
  run(npm, ["run", "db:seed"]);
} else {
  removeStaleE2eData();
  console.log(`[e2e server] embedded PGlite in ${process.env.PGLITE_DIR ?? "(default directory)"}`);
}

console.log(`[e2e server] next start on http://${HOST}:${PORT}`);
const [node, startArgs] = next("start", "-p", PORT, "-H", HOST);
const server = spawn(node, startArgs, { cwd: root, stdio: "inherit", env: process.env });

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on("error", (error) => {
  console.error("[e2e server] could not start next:", error);
  process.exit(1);
});

server.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
