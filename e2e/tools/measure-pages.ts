import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { projectRoot } from "../../bench/support/paths";
import { newTourContext, preparePatientTour, type PatientPage, type PatientTour } from "./patient-pages";
import { layoutShift, observeLayoutShift } from "./layout-shift";
import { withProductionApp } from "./prod-server";

/** `npm run measure:pages [-- --readme]`: what each patient page costs a phone on first visit (empty cache) —
 * compressed JavaScript and all bytes over the wire until the network is quiet — next to the app's own 404 page,
 * the floor that the framework and the root layout cost on every page. With --readme the table also replaces
 * the one in README.md's "Page weight" section. */

type Weight = { jsBytes: number; jsFiles: number; totalBytes: number; requests: number; layoutShift: number };

/** Bytes as Chromium's network stack counted them (Network.loadingFinished.encodedDataLength: headers plus the
 * compressed body); JavaScript counts the compressed bodies of script responses only. */
async function weigh(browser: Browser, tour: PatientTour, target: PatientPage): Promise<Weight> {
  const context = await newTourContext(browser, tour, target.visitor);
  await observeLayoutShift(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const seen = new Map<string, { url: string; script: boolean; headerBytes: number; wireBytes: number }>();
  cdp.on("Network.responseReceived", (event) => {
    seen.set(event.requestId, {
      url: event.response.url,
      script: event.type === "Script",
      headerBytes: event.response.encodedDataLength,
      wireBytes: 0,
    });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const entry = seen.get(event.requestId);
    if (entry) entry.wireBytes = event.encodedDataLength;
  });
  const response = await page.goto(target.path, { waitUntil: "networkidle" });
  if (!response?.ok() && target.path !== tour.notFound.path) throw new Error(`${target.path} answered ${response?.status()}`);
  await page.waitForTimeout(500);
  const shift = await layoutShift(page);
  // Fonts, images and scripts are all the app's own: nothing may come from another host (a CDN, a font service).
  const foreign = [...seen.values()]
    .map((entry) => entry.url)
    .filter((url) => !url.startsWith("data:") && new URL(url).origin !== new URL(tour.baseURL).origin);
  if (foreign.length > 0) throw new Error(`${target.path} loaded from other hosts: ${foreign.join(", ")}`);
  await context.close();
  const entries = [...seen.values()].filter((entry) => entry.wireBytes > 0);
  const scripts = entries.filter((entry) => entry.script);
  return {
    jsBytes: scripts.reduce((sum, entry) => sum + Math.max(0, entry.wireBytes - entry.headerBytes), 0),
    jsFiles: scripts.length,
    totalBytes: entries.reduce((sum, entry) => sum + entry.wireBytes, 0),
    requests: entries.length,
    layoutShift: shift,
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const signed = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${kib(Math.abs(bytes))}`;

function table(rows: { page: PatientPage; weight: Weight }[], floor: Weight): string {
  const lines = [
    "| Page | Route | JS (compressed) | JS above the 404 floor | JS files | Total transferred | Requests | Layout shift (CLS) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { page, weight } of rows) {
    const aboveFloor = page.path === "/no-such-page" ? "—" : signed(weight.jsBytes - floor.jsBytes);
    lines.push(
      `| ${page.name}${page.visitor === "guest" ? "" : " (signed in)"} | \`${page.route}\` | ${kib(weight.jsBytes)} | ${aboveFloor} | ${weight.jsFiles} | ${kib(weight.totalBytes)} | ${weight.requests} | ${weight.layoutShift.toFixed(3)} |`,
    );
  }
  return lines.join("\n");
}

const START = "<!-- page-weight:start -->";
const END = "<!-- page-weight:end -->";

function writeReadme(markdown: string) {
  const readme = path.join(projectRoot, "README.md");
  const text = readFileSync(readme, "utf8");
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block to replace`);
  writeFileSync(readme, `${text.slice(0, from + START.length)}\n${markdown}\n${text.slice(to)}`);
  console.log("README.md: Page weight table updated");
}

async function main() {
  const markdown = await withProductionApp("measure-pages", async ({ baseURL, browser }) => {
    const tour = await preparePatientTour(browser, baseURL);
    const rows: { page: PatientPage; weight: Weight }[] = [];
    for (const page of [...tour.pages, tour.notFound]) {
      const weight = await weigh(browser, tour, page);
      console.log(`measured ${page.route}: JS ${kib(weight.jsBytes)}, total ${kib(weight.totalBytes)}`);
      rows.push({ page, weight });
    }
    const floor = rows.at(-1)!.weight;
    const chromiumVersion = browser.version();
    return `${table(rows, floor)}\n\n_Measured ${new Date().toISOString().slice(0, 10)} with \`npm run measure:pages\`: production build, first visit with an empty cache, Chromium ${chromiumVersion}._`;
  });
  console.log(`\n${markdown}\n`);
  if (process.argv.includes("--readme")) writeReadme(markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
