import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

/** Issue 12 § 4: `npm run cleanup -- --hours=2` in another terminal works while the app runs — on the
 * embedded default too, where it reaches the app's PGlite over the socket the app serves it on. */

function npmRun(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

test("npm run cleanup -- --hours=2 runs against the running server's database", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const env: NodeJS.ProcessEnv = { ...process.env, APP_URL: baseURL, SMS_DRIVER: "outbox", PAYMENT_GATEWAY: "sandbox" };
  if (!process.env.DATABASE_URL) env.PGLITE_DIR = process.env.DRTURN_E2E_PGLITE_DIR;
  const { code, output } = await npmRun(["cleanup", "--", "--hours=2"], env);
  expect(output).toContain("cleanup --hours=2: attempts started before");
  expect(output).toMatch(/^errors: 0$/m);
  expect(code, output).toBe(0);
});
