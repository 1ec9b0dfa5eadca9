import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paymentAttempts } from "@/db/schema";
import { startGatewayPayment } from "@/lib/payments/payment-engine";
import {
  assertInvariants,
  authorityOf,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  setFault,
  snapshot,
  submitAtSandbox,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";

/** `npm run cleanup` as cron runs it: a separate process, configured only by its environment, against the
 * database and the gateway (here the sandbox on a local port). */
const { db, url, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, poolMax: 10, checkInvariants: false });

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

type Run = { code: number; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    // Only what the test passes: never the DATABASE_URL the test run itself may have.
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "DATABASE_URL"));
    execFile(
      tsx,
      ["--conditions=react-server", "lib/ops/cleanup-cli.ts", ...args],
      { cwd: root, env: { ...base, NODE_ENV: "test", PAYMENT_GATEWAY: "sandbox", PAYMENT_TIMEOUT_MS: "5000", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const gatewayEnv = () => ({ DATABASE_URL: url(), ZARINPAL_API_BASE: apiBase() });

/** One payment paid at the gateway whose browser never came back, one never paid; both three hours old. */
async function leftBehind() {
  const { engine } = testEngine();
  const doctor = await makeDoctor(db());
  const slot = await makeSlot(db(), doctor.id);
  const patient = await makePatient(db());
  const start = async () => {
    const started = await startGatewayPayment(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
    if (!started.ok) throw new Error(started.error.code);
    return authorityOf(started.value.paymentUrl);
  };
  const paid = await start();
  await start();
  await setFault(apiBase(), "drop-callback");
  await (await submitAtSandbox(apiBase(), paid, "paid")).arrayBuffer();
  await setFault(apiBase(), "none");
  await db()
    .update(paymentAttempts)
    .set({ createdAt: new Date(Date.now() - 3 * 3_600_000) });
}

describe("npm run cleanup", () => {
  it("--dry-run prints what it would do and changes nothing; the real run does it, prints a line per outcome and exits 0", async () => {
    await leftBehind();
    const before = await snapshot(db());

    const dry = await cli(["--hours=2", "--dry-run"], gatewayEnv());
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("dry run");
    expect(dry.stdout).toMatch(/^fulfilled: 1$/m);
    expect(dry.stdout).toMatch(/^abandoned: 1$/m);
    expect(await snapshot(db())).toEqual(before);

    const real = await cli(["--hours=2"], gatewayEnv());
    expect(real.code).toBe(0);
    for (const line of [
      "checked: 2",
      "fulfilled: 1",
      "refunded to wallet: 0",
      "abandoned: 1",
      "failed: 0",
      "still verifying: 0",
      "chat requests expired with refund: 0",
      "errors: 0",
    ]) {
      expect(real.stdout).toContain(`${line}\n`);
    }
    const after = await snapshot(db());
    expect(after.reservations).toHaveLength(1);
    expect(after.attempts.map((a) => a.status).sort()).toEqual(["abandoned", "paid"]);
    await assertInvariants(db());

    const again = await cli(["--hours", "2"], gatewayEnv());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^checked: 0$/m);
  }, 120_000);

  it("exits 1 when the gateway cannot be asked, naming the errors; nothing is marked", async () => {
    await leftBehind();
    const before = await snapshot(db());
    const run = await cli(["--hours=2"], { DATABASE_URL: url(), ZARINPAL_API_BASE: await unreachableApiBase() });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^errors: [1-9]\d*$/m);
    expect(run.stderr).toContain("unVerified failed");
    // Only the time each attempt was asked about is recorded (for the back-off).
    const unasked = (s: typeof before) => ({ ...s, attempts: s.attempts.map((a) => ({ ...a, lastCheckedAt: null })) });
    expect(unasked(await snapshot(db()))).toEqual(unasked(before));
  }, 60_000);

  it("exits 2 on bad arguments, or without DATABASE_URL when no app serves the embedded database, and does nothing", async () => {
    for (const args of [["--hours=abc"], ["--hours=-1"], ["--hours"], ["--force"]]) {
      const run = await cli(args, gatewayEnv());
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("usage: npm run cleanup -- --hours=N [--dry-run]");
    }
    const noDatabase = await cli(["--hours=2"], { ZARINPAL_API_BASE: apiBase(), PGLITE_DIR: ".data/no-app-serves-this" });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toContain("DATABASE_URL is not set and no app is serving the embedded database");
    expect(noDatabase.stderr).toContain("start the app");
  }, 120_000);
});
