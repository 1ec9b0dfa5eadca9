import { randomUUID } from "node:crypto";
import { expect, request as newRequest, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { DEMO } from "./support/fixtures";
import { actionForm, buildManifest, postAction, serverActions } from "./support/server-actions";
import { signedInPage } from "./support/staff-session";

/** Whatever a client sends — to any page, route handler or server action, signed in or not — the answer is
 * never a 5xx and never Next's English error page. The routes and server actions are read from the production
 * build the journeys run against (.next/server/*manifest.json), so a new one is fuzzed without a change here. */

const KB100 = "x".repeat(100 * 1024);

/** Values as they travel in a URL, already percent-encoded: NUL, lone surrogates (CESU-8) and bytes that are
 * no UTF-8 at all, bidi overrides and marks, numbers negative, fractional and huge, malformed UUIDs, markup,
 * path tricks, and a 100 KB value (which Node refuses with 431 before the app sees it — also fine). */
const URL_VALUES = [
  "%00",
  "a%00b",
  "%ED%A0%80",
  "x%ED%B0%80",
  "%FF%FE",
  "%E2%80%AE%E2%80%8F%D8%B3%D9%84%D8%A7%D9%85%E2%80%8E",
  "-1",
  "0.5",
  "-0.000001",
  "1e308",
  "99999999999999999999999999",
  "NaN",
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  "%7B%7D",
  "%22%3E%3Cscript%3E",
  "..%2F..%2F",
  "x".repeat(6000),
  KB100,
];

/** Every query parameter name any page or route reads, all sent at once. */
const QUERY_NAMES = [
  "q",
  "page",
  "next",
  "date",
  "doctor",
  "clinic",
  "range",
  "hideCancelled",
  "specialty",
  "free",
  "chat",
  "status",
  "phone",
  "day",
  "period",
  "reason",
  "action",
  "cancel",
  "cancelled",
  "after",
  "Authority",
  "Status",
  "id",
];

/** Values as a form or JSON body carries them. */
const TEXT_VALUES = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFF",
  "\u202E\u200Fسلام\u200E",
  "",
  " ",
  "-1",
  "0.5",
  "1e308",
  "99999999999999999999999999",
  "NaN",
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  KB100,
];
const JSON_VALUES: unknown[] = [
  ...TEXT_VALUES,
  -1,
  0.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  [],
  {},
  [["x"]],
  { nested: { body: "\u0000" } },
];

/** Every form field any server action reads. */
const FIELD_NAMES = [
  "reservationId",
  "expectedRefundRial",
  "slotId",
  "method",
  "intentId",
  "attemptId",
  "amount",
  "phone",
  "code",
  "next",
  "resend",
  "question",
  "reason",
  "hours",
  "dryRun",
  "doctorId",
  "date",
  "confirmed",
  "slotMinutes",
  "days",
  "attendance",
  "chatRequestId",
  "start-0-0",
  "end-0-0",
  "fromDate",
  "toDate",
  "entryId",
  "sheba",
  "withdrawalId",
  "bankReference",
  "councilNumber",
  "name",
  "visitFeeToman",
  "chatFeeToman",
  "role",
  "memberId",
  "clinicId",
  "specialtyId",
  "requestId",
  "reply",
  "reminders",
  "comment",
  "recommends",
  "forWhom",
  "relation",
  "firstName",
  "lastName",
  "nationalCode",
  "birthYear",
];

/** Next's own English pages and messages: none may ever reach a patient. */
const FRAMEWORK_TEXT = [
  /Application error/i,
  /Internal Server Error/i,
  /This page could not be found/i,
  /server-side exception/i,
  /Unhandled Runtime Error/i,
  /An error occurred in the Server Components render/i,
];

type Session = "anonymous" | "patient" | "doctor" | "admin";
const PHONES: Record<Exclude<Session, "anonymous">, string> = { patient: DEMO.patientWithBalance, doctor: DEMO.doctor, admin: DEMO.admin };

async function sessionRequest(browser: Browser, baseURL: string, session: Session): Promise<APIRequestContext> {
  if (session === "anonymous") return newRequest.newContext({ baseURL });
  const { context } = await signedInPage(browser, PHONES[session]);
  const storageState = await context.storageState();
  await context.close();
  // The session cookie is Secure in production: Chromium sends it to http://127.0.0.1, Playwright's API requests
  // would not — without this every "signed-in" probe would go out anonymous.
  storageState.cookies = storageState.cookies.map((cookie) => ({ ...cookie, secure: false }));
  return newRequest.newContext({ baseURL, storageState });
}

/** `oversized`: a URL past Node's 16 KB header limit, refused by the HTTP server before the app runs (431, or
 * the connection closed while the request was still being sent). */
/** What the rule reads of an answer. */
type Answer = Pick<APIResponse, "status" | "headers" | "text">;
type Probe = { what: string; send: (api: APIRequestContext) => Promise<Answer>; oversized?: boolean };

/** An event stream stays open for as long as its client does, and a Playwright request waits for the whole
 * body: a GET that may open one (a signed-in visitor's unread-count stream takes no parameters) is sent with
 * Node's fetch and the session's cookies, its status and headers read, and the stream closed. */
async function streamHead(api: APIRequestContext, baseURL: string, url: string): Promise<Answer> {
  const { cookies } = await api.storageState();
  const controller = new AbortController();
  const response = await fetch(new URL(url, baseURL), {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
    redirect: "manual",
    signal: controller.signal,
  });
  const headers = Object.fromEntries(response.headers);
  const text = headers["content-type"]?.includes("text/event-stream") ? "" : await response.text();
  controller.abort();
  return { status: () => response.status, headers: () => headers, text: async () => text };
}

/** Runs the probes a few at a time and returns every answer that breaks the rule. */
async function failures(api: APIRequestContext, session: Session, probes: Probe[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [...probes];
  const worker = async () => {
    for (let probe = queue.shift(); probe; probe = queue.shift()) {
      const label = `${session} ${probe.what.slice(0, 160)}`;
      let response: Answer;
      try {
        response = await probe.send(api);
      } catch (error) {
        const reset = /ECONNRESET|EPIPE|socket hang up/.test((error as Error).message);
        if (!(probe.oversized && reset)) found.push(`${label}: no answer (${(error as Error).message.split("\n")[0]})`);
        continue;
      }
      if (probe.oversized && response.status() !== 431) found.push(`${label}: HTTP ${response.status()}, not 431`);
      if (response.status() >= 500) found.push(`${label}: HTTP ${response.status()}`);
      const type = response.headers()["content-type"] ?? "";
      if (type.includes("html") || type.includes("text/x-component") || type.includes("text/plain")) {
        const body = await response.text();
        const english = FRAMEWORK_TEXT.find((pattern) => pattern.test(body));
        if (english) found.push(`${label}: framework text ${english} (HTTP ${response.status()})`);
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return found;
}

/** The value under every parameter name, as many names as fit a URL the server still reads (~12 KB). */
function queryWith(value: string): string {
  const fit = Math.max(1, Math.floor(12_000 / (value.length + 12)));
  return QUERY_NAMES.slice(0, fit)
    .map((name) => `${name}=${value}`)
    .join("&");
}

/** "/(staff)/staff/appointments/page" → "/staff/appointments"; dynamic segments filled by `fill`. */
function urlOf(route: string, fill: (segment: string) => string): string {
  const parts = route
    .split("/")
    .slice(0, -1)
    .filter((part) => part && !/^\(.*\)$/.test(part))
    .map((part) => (/^\[.*\]$/.test(part) ? fill(part) : part));
  return `/${parts.join("/")}`;
}

const isDynamic = (route: string) => route.includes("[");
const someId = () => randomUUID();

const appRoutes = () =>
  Object.keys(buildManifest<Record<string, string>>("app-paths-manifest.json")).filter((route) => !route.startsWith("/_"));

/** Who a page is fuzzed as: its own audience, and a patient trying someone else's area. */
function sessionsFor(url: string): Session[] {
  if (url.startsWith("/staff")) return ["admin", "patient"];
  if (url.startsWith("/doctor/") || url === "/doctor") return ["doctor", "patient"];
  return ["anonymous", "patient", "doctor"];
}

function pageProbes(route: string): Probe[] {
  const probes: Probe[] = [];
  for (const value of URL_VALUES) {
    const url = urlOf(route, someId);
    const oversized = value === KB100;
    probes.push({ what: `GET ${url}?…=${value}`, send: (api) => api.get(`${url}?${queryWith(value)}`, { maxRedirects: 0 }), oversized });
    if (isDynamic(route)) {
      const bad = urlOf(route, () => value);
      probes.push({ what: `GET ${bad}`, send: (api) => api.get(bad, { maxRedirects: 0 }), oversized });
    }
  }
  return probes;
}

test.describe("no 5xx from anything a client can send", () => {
  test.setTimeout(15 * 60_000);

  test("pages, with bad path segments and query strings, as each kind of visitor", async ({ browser, baseURL }) => {
    const pages = appRoutes().filter((route) => route.endsWith("/page"));
    expect(pages.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const session of ["anonymous", "patient", "doctor", "admin"] as const) {
      const api = await sessionRequest(browser, baseURL!, session);
      const mine = pages.filter((route) => sessionsFor(urlOf(route, someId)).includes(session));
      found.push(...(await failures(api, session, mine.flatMap(pageProbes))));
      await api.dispose();
    }
    expect(found).toEqual([]);
  });

  test("route handlers, with bad path segments, query strings and bodies", async ({ browser, baseURL }) => {
    const routes = appRoutes().filter((route) => route.endsWith("/route"));
    expect(routes.length).toBeGreaterThan(5);
    const probes: Probe[] = [];
    for (const route of routes) {
      // The sandbox's catch-all: its real addresses, with the rest of the path fuzzed.
      const sandboxPaths = [
        "/sandbox/control",
        "/sandbox/pg/v4/payment/verify.json",
        "/sandbox/pg/v4/payment/request.json",
        "/sandbox/pg/StartPay/A0000000000000000000000000000000000",
      ];
      const urls = route.startsWith("/sandbox") ? sandboxPaths : [urlOf(route, someId)];
      const get = (api: APIRequestContext, url: string) =>
        route.endsWith("/stream/route") ? streamHead(api, baseURL!, url) : api.get(url, { maxRedirects: 0 });
      for (const url of urls) {
        for (const value of URL_VALUES) {
          const oversized = value === KB100;
          probes.push({ what: `GET ${url}?…=${value}`, send: (api) => get(api, `${url}?${queryWith(value)}`), oversized });
          if (isDynamic(route)) {
            const bad = route.startsWith("/sandbox") ? `${url}/${value}` : urlOf(route, () => value);
            probes.push({ what: `GET ${bad}`, send: (api) => get(api, bad), oversized });
            probes.push({ what: `POST ${bad}`, send: (api) => api.post(bad, { data: { body: "سلام" }, maxRedirects: 0 }), oversized });
          }
        }
        for (const value of JSON_VALUES) {
          const body = Object.fromEntries(
            [
              "body",
              "fault",
              "doctorId",
              "startsInMinutes",
              "minutes",
              "merchant_id",
              "authority",
              "amount",
              "description",
              "callback_url",
              "result",
            ].map((k) => [k, value]),
          );
          probes.push({
            what: `POST ${url} {…: ${JSON.stringify(value).slice(0, 40)}}`,
            send: (api) => api.post(url, { data: body, maxRedirects: 0 }),
          });
          probes.push({
            what: `POST ${url} ${JSON.stringify(value).slice(0, 40)}`,
            send: (api) => api.post(url, { data: JSON.stringify(value), headers: { "content-type": "application/json" }, maxRedirects: 0 }),
          });
        }
        for (const raw of ["{", "", "\u0000", KB100, "result=paid&x=\u0000"]) {
          for (const type of ["application/json", "application/x-www-form-urlencoded", "text/plain"]) {
            probes.push({
              what: `POST ${url} ${type} ${JSON.stringify(raw.slice(0, 20))}`,
              send: (api) => api.post(url, { data: raw, headers: { "content-type": type }, maxRedirects: 0 }),
            });
          }
        }
      }
    }
    const found: string[] = [];
    for (const session of ["anonymous", "patient"] as const) {
      const api = await sessionRequest(browser, baseURL!, session);
      found.push(...(await failures(api, session, probes)));
      await api.dispose();
    }
    expect(found).toEqual([]);
  });

  test("server actions, posted with the Next-Action header: bad fields, missing fields, wrong argument types", async ({
    browser,
    baseURL,
  }) => {
    const actions = serverActions();
    expect(actions.length).toBeGreaterThan(15);
    const probes: Probe[] = [];
    for (const action of actions) {
      // Any page the action is bound in answers it; the sign-out action is in every page.
      const page = urlOf(`/${action.pages[0]!.replace(/^app\//, "")}`, someId);
      const post = (what: string, body: string | FormData): Probe => ({
        what: `${action.exportedName ?? action.id} at ${page}: ${what}`,
        send: (api) => postAction(api, page, action.id, body),
      });
      probes.push(post("no fields at all", actionForm({})));
      for (const value of TEXT_VALUES) {
        probes.push(
          post(`every field ${JSON.stringify(value.slice(0, 20))}`, actionForm(Object.fromEntries(FIELD_NAMES.map((f) => [f, value])))),
        );
      }
      for (const args of ['["x","y"]', "[]", "[null,null]", "[{},{}]", "[1,2]", '[{},"$K1"]', "{", '"\\u0000"', `["${KB100}"]`]) {
        probes.push(post(`arguments ${args.slice(0, 20)}`, args));
      }
    }
    // Signing out ends the fuzzing session: last.
    probes.sort((a, b) => Number(a.what.startsWith("signOutAction")) - Number(b.what.startsWith("signOutAction")));
    const found: string[] = [];
    for (const session of ["anonymous", "patient", "doctor", "admin"] as const) {
      const api = await sessionRequest(browser, baseURL!, session);
      found.push(...(await failures(api, session, probes)));
      await api.dispose();
    }
    expect(found).toEqual([]);
  });
});
