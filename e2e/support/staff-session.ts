import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { signIn } from "./fixtures";

/** A page signed in as a demo account, signing in only once per run: the app sends one code a minute per
 * phone, and several journeys act as the same clinic staff. The session is kept for the rest of the run in
 * a file named after the run (playwright.config.ts gives every run its own DRTURN_E2E_PGLITE_DIR). */
export async function signedInPage(browser: Browser, phone: string): Promise<{ context: BrowserContext; page: Page }> {
  const run = path.basename(process.env.DRTURN_E2E_PGLITE_DIR ?? "run");
  const dir = path.join(tmpdir(), "drturn-e2e-sessions");
  const file = path.join(dir, `${run}-${phone}.json`);
  if (existsSync(file)) {
    const context = await browser.newContext({ storageState: file });
    return { context, page: await context.newPage() };
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, phone);
  mkdirSync(dir, { recursive: true });
  await context.storageState({ path: file });
  return { context, page };
}
