import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { actionRequestProblem } from "@/lib/security/action-request";
import { isDecodablePath } from "@/lib/security/request-path";
import { isUserFilePath, securityHeaders, USER_FILE_CSP } from "@/lib/security/security-headers";

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

async function refusal(request: NextRequest): Promise<NextResponse | null> {
  const path = request.nextUrl.pathname;
  if (!isDecodablePath(path)) {
    console.warn(`[http] refused an undecodable path: ${path.slice(0, 200)}`);
    return html(404, page(t.notFoundTitle, t.notFoundBody));
  }
  const problem = await actionRequestProblem(request);
  if (problem) {
    console.warn(`[http] refused a ${problem} server action call to ${path} (${request.headers.get("next-action")?.slice(0, 64)})`);
    return problem === "too_large" ? html(413, page(t.requestTooLarge, t.badRequest)) : html(400, page(t.badRequest, t.genericError));
  }
  return null;
}

export async function proxy(request: NextRequest) {
  const response = (await refusal(request)) ?? NextResponse.next();
  for (const [name, value] of headerList()) response.headers.set(name, value);
  if (isUserFilePath(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", USER_FILE_CSP);
  return response;
}
