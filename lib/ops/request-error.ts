import { log as appLog, type Log } from "@/lib/shared/log";

/** What Next tells instrumentation's onRequestError about a failed request (its own types, restated so that
 * lib/ does not import next/*). */
export type FailedRequest = { path: string; method: string; headers: Record<string, string | string[] | undefined> };
export type FailedRequestContext = { routerKind: string; routePath: string; routeType: string; renderSource?: string };

function header(headers: FailedRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One JSON line for an error Next caught while rendering a page, running a route handler or a server action —
 * otherwise only Next's own free-text print. It names the route, the method and the path (without its query,
 * which may carry a gateway's authority or a token) and the request id proxy.ts gave the request, so the line
 * can be found from a patient's support ticket. Never the body, the cookies or any other header. */
export function logRequestError(error: unknown, request: FailedRequest, context: FailedRequestContext, log: Log = appLog): void {
  log.error(`[http] ${context.routeType} ${context.routePath} failed`, error instanceof Error ? error : new Error(String(error)), {
    requestId: header(request.headers, "x-request-id"),
    method: request.method,
    path: request.path.split("?")[0],
    routePath: context.routePath,
    routeType: context.routeType,
    renderSource: context.renderSource,
  });
}
