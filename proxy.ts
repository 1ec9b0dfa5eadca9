import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";
import { actionRequestProblem } from "@/lib/security/action-request";
import { isDecodablePath } from "@/lib/security/request-path";
import { isUserFilePath, securityHeaders, USER_FILE_CSP } from "@/lib/security/security-headers";
import { cacheablePage, fillPageInBackground, keptPage, keptPageResponse } from "@/lib/public-cache/page-cache";

/** In front of every request: adds the security headers to every response, and turns away, with a Persian
 * answer, the requests Next itself would fail on with an English 500 before any app code runs — a path that
 * is not valid UTF-8, and a server action call whose body is too large or not what React sends.
 *
 * The headers are set here rather than in next.config.ts `headers()`: those are fixed when the app is built,
 * while HSTS and the gateway origin follow APP_URL and ZARINPAL_API_BASE as the server is started. Headers on
 * a pass-through response never make a page dynamic. */

let headers: [string, string][] | undefined;

function headerList(): [string, string][] {
  if (!headers) {
    const { appUrl, payment, production } = appConfig();
    headers = securityHeaders({ appUrl, gatewayUrl: payment.apiBase, production });
  }
  return headers;
}

const t = messages.common;
const page = (title: string, body: string) =>
  `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${t.backHome}</a></p></main></body></html>`;
const html = (status: number, body: string) => new NextResponse(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });

async function refusal(request: NextRequest, requestId: string): Promise<NextResponse | null> {
  const path = request.nextUrl.pathname;
  if (!isDecodablePath(path)) {
    log.warn(`[http] refused an undecodable path: ${path.slice(0, 200)}`, { requestId });
    return html(404, page(t.notFoundTitle, t.notFoundBody));
  }
  const problem = await actionRequestProblem(request);
  if (problem) {
    log.warn(`[http] refused a ${problem} server action call to ${path} (${request.headers.get("next-action")?.slice(0, 64)})`, {
      requestId,
    });
    return problem === "too_large" ? html(413, page(t.requestTooLarge, t.badRequest)) : html(400, page(t.badRequest, t.genericError));
  }
  return null;
}

/** Our balancer's request id is kept (haproxy's unique-id, say) so its log and ours meet; a client's is not:
 * only behind TRUSTED_PROXY_HOPS proxies of our own is the header ours. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,80}$/;

function requestIdOf(request: NextRequest): string {
  const given = request.headers.get("x-request-id");
  if (given && appConfig().trustedProxyHops > 0 && REQUEST_ID.test(given)) return given;
  return crypto.randomUUID();
}

/** A public page an anonymous visitor shares with every other comes from the page cache when it is kept there
 * (lib/public-cache/page-cache.ts); on a miss it is rendered as always, and kept for the next visitor. */
function keptOrRendered(request: NextRequest, forwarded: Headers): Response {
  const page = cacheablePage({
    method: request.method,
    url: request.nextUrl,
    headers: request.headers,
    hasCookie: (name) => request.cookies.has(name),
  });
  const kept = page && keptPage(page.key);
  if (kept) return keptPageResponse(kept);
  if (page) fillPageInBackground(page);
  return NextResponse.next({ request: { headers: forwarded } });
}

export async function proxy(request: NextRequest) {
  // Every request gets an id: on the request (route handlers and actions log it, lib/auth/request-log.ts) and
  // on the response (a patient or a support agent can quote it; an operator finds the request's lines by it).
  const requestId = requestIdOf(request);
  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  const response = (await refusal(request, requestId)) ?? keptOrRendered(request, forwarded);
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of headerList()) response.headers.set(name, value);
  if (isUserFilePath(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", USER_FILE_CSP);
  return response;
}
