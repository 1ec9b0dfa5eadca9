import { rmSync } from "node:fs";
import path from "node:path";
import { freePort, newSecrets, type AppServer, type ServerOptions } from "./app-server";
import type { Checks } from "./checks";
import { runCleanupCommand } from "./cleanup-command";
import { projectRoot } from "./paths";
import { onTeardown } from "./teardown";

/** Two `next start` processes on one PGLITE_DIR: the second must refuse at once (the directory's lock names the
 * first), the first keeps serving with its data intact, and after the first is killed with SIGKILL a new server
 * takes the stale lock over and finds every write. Without the lock both served, and the directory was corrupt. */

const DOCTOR_LINK = /href="\/doctors\/([0-9a-f-]{36})"/;

async function firstDoctorId(url: string): Promise<string> {
  const html = await (await fetch(`${url}/doctors`)).text();
  const id = DOCTOR_LINK.exec(html)?.[1];
  if (!id) throw new Error("no doctor link on /doctors: was the embedded database seeded?");
  return id;
}

/** `count` writes through the server: each opens one extra slot (POST /api/dev/slots, a demo server's helper). */
async function openSlots(url: string, doctorId: string, from: number, count: number): Promise<{ ids: string[]; statuses: number[] }> {
  const ids: string[] = [];
  const statuses: number[] = [];
  for (let i = from; i < from + count; i++) {
    // Three days ahead and 61 minutes apart: inside the 14 days the slot list shows, never on a schedule slot.
    const response = await fetch(`${url}/api/dev/slots`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ doctorId, startsInMinutes: 3 * 24 * 60 + i * 61, minutes: 30 }),
    });
    statuses.push(response.status);
    const body = (await response.json().catch(() => ({}))) as { slotId?: string };
    if (body.slotId) ids.push(body.slotId);
  }
  return { ids, statuses };
}

async function freeSlotIds(url: string, doctorId: string): Promise<Set<string>> {
  const body = (await (await fetch(`${url}/api/doctors/${doctorId}/slots`)).json()) as { days: { slots: { id: string }[] }[] };
  return new Set(body.days.flatMap((day) => day.slots.map((slot) => slot.id)));
}

export async function embeddedDatabaseScenario(
  checks: Checks,
  start: (options: ServerOptions) => Promise<AppServer>,
  ports: { from: number; to: number },
) {
  const pgliteDir = path.join(projectRoot, ".data", `crash-pglite-${Date.now()}-${process.pid}`);
  onTeardown("remove the embedded database directory", async () => {
    rmSync(pgliteDir, { recursive: true, force: true });
    rmSync(`${pgliteDir}.lock`, { force: true });
  });
  // A fresh directory runs initdb, migrations and the demo seed first: minutes on a busy machine.
  const deployment = { databaseUrl: { pgliteDir }, secrets: newSecrets(), readyTimeoutMs: 300_000 };
  const firstPort = await freePort(ports.from, ports.to);
  const first = await start({ name: "embedded-first", port: firstPort, ...deployment });
  const doctorId = await firstDoctorId(first.url);
  const before = await openSlots(first.url, doctorId, 0, 20);
  checks.check(
    "the first server writes",
    before.statuses.every((s) => s === 201),
    JSON.stringify(before.statuses),
  );

  let refusal = "";
  try {
    const second = await start({ name: "embedded-second", port: await freePort(firstPort + 1, ports.to), ...deployment });
    await second.stop();
  } catch (error) {
    refusal = error instanceof Error ? error.message : String(error);
  }
  const exit = /exited \((\w+)\) before it was ready/.exec(refusal)?.[1];
  checks.check(
    "a second server on the same directory exits non-zero before serving",
    exit !== undefined && exit !== "0",
    refusal.split("\n")[0] || "it served",
  );
  checks.check(
    "its message names the first server's pid, in Persian and English, and what to do",
    refusal.includes(`شناسه‌ی ${first.pid}`) && refusal.includes(`process ${first.pid}`) && refusal.includes("DATABASE_URL"),
    refusal
      .split("\n")
      .filter((line) => line.includes("[dr-turn]") || line.includes("process"))
      .join(" | ")
      .slice(0, 400),
  );

  const after = await openSlots(first.url, doctorId, 20, 10);
  const health = await fetch(`${first.url}/api/health`);
  checks.check(
    "the first server keeps serving and writing",
    health.ok && after.statuses.every((s) => s === 201),
    `${health.status}; ${JSON.stringify(after.statuses)}`,
  );
  const written = [...before.ids, ...after.ids];
  const seenByFirst = await freeSlotIds(first.url, doctorId);
  checks.check(
    "its data is intact",
    written.length === 30 && written.every((id) => seenByFirst.has(id)),
    `${written.filter((id) => seenByFirst.has(id)).length}/30 slots`,
  );

  // The operator's cleanup from another terminal while the app runs (issue 12 §4): on the embedded default it
  // cannot open the directory the server holds, so it goes through the socket the server serves PGlite on.
  const cleanup = await runCleanupCommand({ appUrl: first.url, databaseUrl: { pgliteDir }, secrets: deployment.secrets });
  checks.check(
    "npm run cleanup reaches the running server's embedded database",
    cleanup.code === 0 && cleanup.errors === 0 && Number.isInteger(cleanup.checked),
    `exit ${cleanup.code}, checked ${cleanup.checked}, errors ${cleanup.errors}${cleanup.code === 0 ? "" : `: ${cleanup.output.slice(-400)}`}`,
  );
  checks.check("the server keeps serving after the cleanup", (await fetch(`${first.url}/api/health`)).ok, "");

  await first.kill();
  const third = await start({ name: "embedded-after-sigkill", port: firstPort, ...deployment });
  const seenAfterKill = await freeSlotIds(third.url, doctorId);
  checks.check(
    "after SIGKILL a new server takes the stale lock over and every write is there",
    written.every((id) => seenAfterKill.has(id)),
    `${written.filter((id) => seenAfterKill.has(id)).length}/30 slots`,
  );
  await third.stop();
}
