import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { projectRoot } from "../../bench/support/paths";
import { newTourContext, preparePatientTour, type PatientTour, type Visitor } from "./patient-pages";
import { withProductionApp } from "./prod-server";

/** `npm run screenshots`: the home page and a doctor's page on a 360 px phone and a 1280 px desktop, plus the
 * phone's checkout (of a free and of a taken slot) and its open menu, saved as PNGs under docs/screenshots/
 * from a freshly seeded production app. */

const OUT = path.join(projectRoot, "docs", "screenshots");
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

type Shot = {
  file: string;
  path: (tour: PatientTour) => string;
  viewport: { width: number; height: number };
  visitor: Visitor;
  prepare?: (page: Page) => Promise<void>;
};

const SHOTS: Shot[] = [
  { file: "home-360.png", path: () => "/", viewport: PHONE, visitor: "guest" },
  { file: "home-1280.png", path: () => "/", viewport: DESKTOP, visitor: "guest" },
  { file: "doctor-360.png", path: (tour) => tour.doctorPath, viewport: PHONE, visitor: "guest" },
  { file: "doctor-1280.png", path: (tour) => tour.doctorPath, viewport: DESKTOP, visitor: "guest" },
  { file: "checkout-360.png", path: (tour) => tour.checkoutPath, viewport: PHONE, visitor: "patient" },
  { file: "checkout-taken-360.png", path: (tour) => tour.takenPath, viewport: PHONE, visitor: "otherPatient" },
  {
    file: "menu-360.png",
    path: () => "/",
    viewport: PHONE,
    visitor: "patient",
    prepare: async (page) => {
      await page.locator("details.menu-toggle summary").click();
      await page.getByRole("navigation", { name: "منوی اصلی (موبایل)" }).waitFor();
    },
  },
];

async function main() {
  mkdirSync(OUT, { recursive: true });
  await withProductionApp("screenshots", async ({ baseURL, browser }) => {
    const tour = await preparePatientTour(browser, baseURL);
    for (const shot of SHOTS) {
      const context = await newTourContext(browser, tour, shot.visitor, { viewport: shot.viewport });
      const page = await context.newPage();
      await page.goto(shot.path(tour), { waitUntil: "networkidle" });
      await page.evaluate(() => document.fonts.ready);
      await shot.prepare?.(page);
      // The open menu floats over the page: only the screen's worth shows it as a patient sees it.
      await page.screenshot({ path: path.join(OUT, shot.file), fullPage: !shot.prepare, animations: "disabled" });
      console.log(`docs/screenshots/${shot.file}`);
      await context.close();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
