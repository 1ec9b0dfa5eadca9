import { SESSION_COOKIE_NAME } from "@/lib/auth/session-cookie";
import { selfOrigin } from "@/lib/config";
import { doctorIdSchema } from "@/lib/directory/doctor-id";
import { SEARCH_FILTER_KEYS, SEARCH_PAGE_PARAM } from "@/lib/directory/search-filter-keys";
import { log } from "@/lib/shared/log";
import { taggedCache, type TaggedCache } from "@/lib/shared/tagged-cache";

/** Whole public pages, as an anonymous visitor gets them, kept per instance and answered by proxy.ts without
 * rendering (issue 15 §1). Next renders every dynamic page per request — the root layout, the RSC payload and
 * its HTML, ~5 ms of CPU even for an empty page — and its own full-page cache (ISR, or Cache Components) would
 * need every page's header and session reads moved out of the server render, and a shared cache handler for
 * the invalidation to reach the other instances. So the pages anonymous visitors share are kept here, dropped
 * by the same database NOTIFY as the data they show (public-reads.ts), and filled in the background: the
 * visitor who misses gets the page rendered as always, while one request of this server to itself (never to
 * the Host a client named) renders the copy to keep. Signed-in visitors, client navigations (RSC requests),
 * server actions, requests that do not ask for HTML and anything but the home page, the search and a doctor's
 * page are never served from here.
 * Kept at most PAGE_LIFETIME_MS: the pages say "today" and list slots that start, and no write announces
 * that time has passed. Nothing is kept until the LISTEN holds (`listening`). */

const PAGE_LIFETIME_MS = 30_000;
/** Search pages are keyed by their filters: a few hundred covers what visitors search, ~50–150 kB each. */
const MAX_PAGES = 300;
export const DIRECTORY_TAG = "directory";
export const doctorTag = (doctorId: string) => `doctor:${doctorId}`;

export type CachedPage = { body: Buffer; headers: [string, string][] };

type PageCacheState = { pages: TaggedCache; listening: boolean };

/** On globalThis: proxy.ts and the pages are separate bundles of one process and must share one cache. */
const globalForPages = globalThis as unknown as { drTurnPageCache?: PageCacheState };

function state(): PageCacheState {
  return (globalForPages.drTurnPageCache ??= {
    pages: taggedCache({ maxEntries: MAX_PAGES }),
    listening: false,
  });
}

/** Called by the LISTEN of public_pages: what a committed write changed ('*': everything). */
export function pagesChanged(payload: string): void {
  const { pages } = state();
  if (payload === "*") return pages.clear();
  pages.invalidate(doctorTag(payload));
  pages.invalidate(DIRECTORY_TAG);
}

/** Whether invalidations reach this process; a LISTEN re-established after a loss drops every page. */
export function setPagesListening(listening: boolean): void {
  const current = state();
  current.listening = listening;
  current.pages.clear();
}

const FILL_HEADER = "x-drturn-page-fill";
const DOCTOR_PAGE = /^\/doctors\/([^/]+)$/;
const SEARCH_PARAMS: ReadonlySet<string> = new Set([...SEARCH_FILTER_KEYS, SEARCH_PAGE_PARAM]);
/** Headers of the rendered page that describe it rather than one response. */
const KEPT_HEADERS = new Set(["content-type", "cache-control", "vary", "link", "content-language"]);

export type PageRequest = { method: string; url: URL; headers: Headers; hasCookie: (name: string) => boolean };

/** The key and tags a request's page is kept under, or null when this request must be rendered. */
export function cacheablePage(request: PageRequest): { key: string; tags: string[] } | null {
  const { url, headers } = request;
  if (request.method !== "GET" || request.hasCookie(SESSION_COOKIE_NAME)) return null;
  // A browser's page load asks for text/html; the router's own fetches (client navigations, prefetches: RSC
  // payloads, not pages) ask for anything, and Next hides their rsc header and _rsc parameter from the proxy.
  if (!/\btext\/html\b/.test(headers.get("accept") ?? "")) return null;
  if (headers.has("rsc") || headers.has("next-url") || headers.has("next-action") || headers.has(FILL_HEADER)) return null;
  if (url.searchParams.has("_rsc")) return null;
  if (url.pathname === "/") return url.search ? null : { key: "/", tags: [DIRECTORY_TAG] };
  if (url.pathname === "/doctors") {
    const names = [...url.searchParams.keys()];
    if (names.length > SEARCH_PARAMS.size || names.some((name) => !SEARCH_PARAMS.has(name))) return null;
    const sorted = new URLSearchParams([...url.searchParams].sort(([a], [b]) => a.localeCompare(b)));
    return { key: `/doctors?${sorted.toString()}`, tags: [DIRECTORY_TAG] };
  }
  const doctorId = DOCTOR_PAGE.exec(url.pathname)?.[1];
  // Only the id as the database writes it (lower case) in NOTIFY: another spelling's copy would never be dropped.
  if (!doctorId || url.search || !doctorIdSchema.safeParse(doctorId).success || doctorId !== doctorId.toLowerCase()) return null;
  return { key: url.pathname, tags: [doctorTag(doctorId)] };
}

/** The kept page, if there is one. */
export function keptPage(key: string): CachedPage | undefined {
  return state().pages.peek<CachedPage>(key);
}

/** The response for a kept page. Next compresses it for a visitor who accepts gzip, as it does a rendered one. */
export function keptPageResponse(page: CachedPage): Response {
  const headers = new Headers(page.headers);
  headers.set("x-page-cache", "hit");
  return new Response(new Uint8Array(page.body), { status: 200, headers });
}

/** Renders the page for an anonymous visitor, by a request of this server to itself, and keeps it — in the
 * background: the caller does not wait. One fill per page at a time. */
export function fillPageInBackground(page: { key: string; tags: string[] }): void {
  const current = state();
  const origin = selfOrigin();
  if (!current.listening || !origin) return;
  current.pages
    .get<CachedPage | null>(page.key, { tags: page.tags, ttlMs: PAGE_LIFETIME_MS, keep: (kept) => kept !== null }, async () => {
      const response = await fetch(`${origin}${page.key}`, {
        // Marks the request as the fill, which must be rendered (a client sending it only opts out of the cache).
        headers: { [FILL_HEADER]: "1", accept: "text/html", "accept-encoding": "identity" },
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      const body = Buffer.from(await response.arrayBuffer());
      // Only a plain page every anonymous visitor gets alike: no cookie set, no error, no redirect.
      if (response.status !== 200 || response.headers.has("set-cookie") || !response.headers.get("content-type")?.startsWith("text/html"))
        return null;
      const headers = [...response.headers].filter(([name]) => KEPT_HEADERS.has(name));
      return { body, headers };
    })
    .catch((error: unknown) =>
      log.warn(`[page-cache] could not fill ${page.key}`, error instanceof Error ? error : { error: String(error) }),
    );
}
