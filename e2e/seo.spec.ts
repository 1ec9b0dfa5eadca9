import { expect, test, type APIRequestContext } from "@playwright/test";

/* What search engines and link previews see: robots.txt, the sitemap, tags in <head>, structured data, the
 * preview image, favicon and manifest. Read-only. */

const CHROME_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

type RobotsRule = { allow: boolean; path: string };

/** Google's robots.txt matching: the longest matching rule wins, Allow wins a tie; `*` and a trailing `$`. */
function robotsAllows(rules: RobotsRule[], path: string): boolean {
  const matches = (rule: string) => {
    const anchored = rule.endsWith("$");
    const body = (anchored ? rule.slice(0, -1) : rule).replace(/[.+?^{}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    return new RegExp(`^${body}${anchored ? "$" : ""}`).test(path);
  };
  const best = rules.filter((r) => matches(r.path)).sort((a, b) => b.path.length - a.path.length || Number(b.allow) - Number(a.allow))[0];
  return best ? best.allow : true;
}

async function robotsRules(request: APIRequestContext) {
  const res = await request.get("/robots.txt");
  expect(res.status()).toBe(200);
  const text = await res.text();
  const rules = text
    .split("\n")
    .map((line) => line.match(/^(Allow|Disallow):\s*(\S*)/i))
    .filter((m): m is RegExpMatchArray => Boolean(m && m[2]))
    .map((m) => ({ allow: m[1]!.toLowerCase() === "allow", path: m[2]! }));
  return { text, rules };
}

async function firstDoctorPath(request: APIRequestContext): Promise<string> {
  const res = await request.get("/sitemap.xml");
  const xml = await res.text();
  const match = xml.match(/<loc>https?:\/\/[^<]+?(\/doctors\/[0-9a-f-]{36})<\/loc>/);
  expect(match, "the sitemap lists doctor pages").toBeTruthy();
  return match![1]!;
}

test("robots.txt lets crawlers reach doctors and search, not dashboards, payments or the sandbox", async ({ request }) => {
  const { text, rules } = await robotsRules(request);
  const doctor = await firstDoctorPath(request);
  for (const path of ["/", "/doctors", "/doctors?q=قلب", doctor]) expect(robotsAllows(rules, path), path).toBe(true);
  for (const path of [
    "/doctor",
    "/doctor/chats",
    "/staff",
    "/staff/payments",
    "/pay/result/x",
    "/book/x",
    "/sandbox/pg/StartPay/A1",
    "/api/health",
    "/dev/sms",
    "/wallet",
    "/appointments",
  ]) {
    expect(robotsAllows(rules, path), path).toBe(false);
  }
  expect(text).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
});

test("the sitemap lists every doctor page with absolute URLs", async ({ request }) => {
  const res = await request.get("/sitemap.xml");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("xml");
  const xml = await res.text();
  const doctors = xml.match(/<loc>[^<]+\/doctors\/[0-9a-f-]{36}<\/loc>/g) ?? [];
  expect(doctors.length).toBeGreaterThanOrEqual(5); // the seed has more than five doctors
  expect(new Set(doctors).size).toBe(doctors.length);
});

test("a doctor page has its title, description, canonical, Open Graph, Twitter tags and JSON-LD in <head>", async ({ request }) => {
  const path = await firstDoctorPath(request);
  const res = await request.get(path, { headers: { "User-Agent": CHROME_UA } });
  expect(res.status()).toBe(200);
  const html = await res.text();
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head).toMatch(/<title>[^<]*دکتر[^<]*<\/title>/);
  for (const tag of [
    /<meta name="description" content="نوبت آنلاین [^"]+"/,
    new RegExp(`<link rel="canonical" href="https?://[^"]+${path}"`),
    /<meta property="og:title" content="[^"]+"/,
    /<meta property="og:type" content="profile"/,
    new RegExp(`<meta property="og:image" content="https?://[^"]+${path}/preview.png"`),
    /<meta name="twitter:card" content="summary_large_image"/,
    /<link rel="manifest" href="\/manifest.webmanifest"/,
  ]) {
    expect(head).toMatch(tag);
  }
  const ld = html.match(/<script type="application\/ld\+json">(.+?)<\/script>/);
  expect(ld).toBeTruthy();
  const data = JSON.parse(ld![1]!);
  expect(data["@type"]).toBe("Physician");
  expect(data.worksFor["@type"]).toBe("MedicalClinic");
  expect(data.url).toMatch(new RegExp(`${path}$`));
});

test("a doctor's preview image is a 1200×630 PNG; an unknown doctor's is a 404", async ({ request }) => {
  const path = await firstDoctorPath(request);
  const res = await request.get(`${path}/preview.png`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  const png = await res.body();
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(1200);
  expect(png.readUInt32BE(20)).toBe(630);
  expect((await request.get("/doctors/00000000-0000-4000-8000-000000000000/preview.png")).status()).toBe(404);
  expect((await request.get("/doctors/not-a-uuid/preview.png")).status()).toBe(404);
});

test("favicon, icons and a Persian right-to-left web app manifest", async ({ request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ lang: "fa", dir: "rtl", start_url: "/" });
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  const home = await (await request.get("/", { headers: { "User-Agent": CHROME_UA } })).text();
  expect(home.slice(0, home.indexOf("</head>"))).toMatch(/<link rel="icon" href="\/favicon.ico[^"]*"/);
});
