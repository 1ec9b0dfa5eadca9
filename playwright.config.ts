import path from "node:path";
import { defineConfig } from "@playwright/test";

/** End-to-end journeys against the PRODUCTION build (`next start`), in Debian's Chromium: this machine cannot
 * download Playwright's own browsers. The server is started by e2e/support/start-server.mjs, which builds
 * first if there is no build and seeds a real Postgres when DATABASE_URL is set. */

// E2E_PORT lets two checkouts run their journeys side by side on one machine.
const PORT = Number(process.env.E2E_PORT || 3100);
const HOST = "127.0.0.1";
const APP_URL = process.env.APP_URL || `http://${HOST}:${PORT}`;
const CI = Boolean(process.env.CI);

// Without DATABASE_URL the app uses embedded PGlite; a fresh directory per run means a freshly seeded
// database every time. Kept in process.env so the workers, which load this file again, agree on it.
process.env.DRTURN_E2E_PGLITE_DIR ||= path.join(".data", `e2e-${Date.now()}-${process.pid}`);

const serverEnv: Record<string, string> = {
  SESSION_PASSWORD: process.env.SESSION_PASSWORD || "e2e-only-session-password-not-for-production-0123456789",
  SMS_DRIVER: "outbox",
  PAYMENT_GATEWAY: "sandbox",
  // A production build with the test doubles above is, by definition, a demo (and shows the banner).
  DEMO_MODE: "true",
  METRICS_TOKEN: process.env.METRICS_TOKEN || "e2e-metrics-token",
  APP_URL,
  PAYMENT_TIMEOUT_MS: "3000",
  // Every journey signs in from 127.0.0.1; the per-address limit is tested on its own.
  OTP_PER_IP_PER_HOUR: "1000",
  // Journeys run at any hour; the waitlist's night rule is tested with a moved clock (lib/waitlist).
  WAITLIST_OFFERS_AT_NIGHT: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: process.env.DRTURN_E2E_PGLITE_DIR }),
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: CI,
  timeout: 60_000,
  reporter: CI ? "list" : [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    browserName: "chromium",
    baseURL: APP_URL,
    locale: "fa-IR",
    timezoneId: "Asia/Tehran",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node e2e/support/start-server.mjs",
    url: `http://${HOST}:${PORT}/api/health`,
    reuseExistingServer: !CI,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: serverEnv,
  },
});
