import type { Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { doctorPaths, openCheckout, payDirect } from "../support/booking";
import { DEMO, signIn } from "../support/fixtures";

/** The patient pages the tools visit, with real addresses found on a freshly seeded app: a doctor, one of their
 * free slots, and the result of a booking paid in the sandbox by the demo patient (who has a wallet history). */

/** Who looks at a page: nobody signed in, the demo patient who booked, or another patient. */
export type Visitor = "guest" | "patient" | "otherPatient";

export type PatientPage = { name: string; route: string; path: string; visitor: Visitor };

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export type PatientTour = {
  baseURL: string;
  pages: PatientPage[];
  /** The app's own 404 page: what the framework and the root layout cost on every page. */
  notFound: PatientPage;
  doctorPath: string;
  checkoutPath: string;
  /** The checkout of the slot the demo patient booked: for anyone else taken, with the nearest free ones offered. */
  takenPath: string;
  signedIn: Record<Exclude<Visitor, "guest">, StorageState>;
};

const contextOptions = (baseURL: string): BrowserContextOptions => ({ baseURL, locale: "fa-IR", timezoneId: "Asia/Tehran" });

/** A fresh context as the visitor would have it: Persian, Tehran time, an empty cache, their own cookies. */
/** The unread-count event stream a signed-in page keeps open (components/ui/use-event-stream.ts) stays open for
 * as long as the page: "until the network is quiet" would never come. The tools refuse it, and the badge does
 * what it does when its stream drops — asks GET /api/chats/unread now and then. */
const UNREAD_STREAM = "**/api/chats/unread/stream";

export async function newTourContext(browser: Browser, tour: PatientTour, visitor: Visitor, extra: BrowserContextOptions = {}) {
  const cookies = visitor === "guest" ? {} : { storageState: tour.signedIn[visitor] };
  const context = await browser.newContext({ ...contextOptions(tour.baseURL), ...cookies, ...extra });
  await context.route(UNREAD_STREAM, (route) => route.abort());
  return context;
}

async function signedInState(browser: Browser, baseURL: string, phone: string): Promise<StorageState> {
  const context = await browser.newContext(contextOptions(baseURL));
  try {
    await signIn(await context.newPage(), phone);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** The first doctor whose page offers at least `count` free slots: late in the day the first one may have one
 * left (the tour books one and shows another). */
async function doctorWithFreeSlots(page: Page, doctors: string[], count: number): Promise<string> {
  for (const doctorPath of doctors) {
    await page.goto(doctorPath);
    if ((await page.locator('a[href^="/book/"]').count()) >= count) return doctorPath;
  }
  throw new Error(`no doctor offers ${count} free slots`);
}

export async function preparePatientTour(browser: Browser, baseURL: string): Promise<PatientTour> {
  const context = await browser.newContext(contextOptions(baseURL));
  const page = await context.newPage();
  try {
    await signIn(page, DEMO.patientWithBalance);
    const doctorPath = await doctorWithFreeSlots(page, await doctorPaths(page), 2);
    // The second free slot is shown as the checkout; the first is booked for the result page.
    const checkoutPath = new URL(await openCheckout(page, doctorPath, 1)).pathname;
    const takenPath = new URL(await openCheckout(page, doctorPath, 0)).pathname;
    await payDirect(page, "پرداخت موفق");
    const resultPath = new URL(page.url()).pathname;
    const pages: PatientPage[] = [
      { name: "Home", route: "/", path: "/", visitor: "guest" },
      { name: "Search results", route: "/doctors?q=…", path: `/doctors?q=${encodeURIComponent("قلب")}`, visitor: "guest" },
      { name: "Doctor page", route: "/doctors/[id]", path: doctorPath, visitor: "guest" },
      { name: "Checkout", route: "/book/[slotId]", path: checkoutPath, visitor: "patient" },
      { name: "Payment result", route: "/pay/result/[attemptId]", path: resultPath, visitor: "patient" },
      { name: "My appointments", route: "/appointments", path: "/appointments", visitor: "patient" },
      { name: "Wallet", route: "/wallet", path: "/wallet", visitor: "patient" },
    ];
    const notFound: PatientPage = { name: "404 page (framework floor)", route: "/no-such-page", path: "/no-such-page", visitor: "guest" };
    const signedIn = {
      patient: await context.storageState(),
      otherPatient: await signedInState(browser, baseURL, DEMO.patientEmptyWallet),
    };
    return { baseURL, pages, notFound, doctorPath, checkoutPath, takenPath, signedIn };
  } finally {
    await context.close();
  }
}
