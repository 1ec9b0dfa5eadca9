import type { Instrumentation } from "next";

/** Runs once when a server process starts, before the first request is served. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so that no request reaches the app without its peer address (lib/auth/peer-address.ts).
    const { appendPeerAddressToEveryRequest } = await import("@/lib/auth/peer-address");
    appendPeerAddressToEveryRequest();
    // Counted from the first request on, for the drain on SIGTERM (lib/ops/drain.ts).
    const { trackRequests } = await import("@/lib/ops/drain");
    trackRequests();
    const { startServer } = await import("@/lib/server-start");
    await startServer();
  }
}

/** Every error Next catches in a request (a page, a route handler, a server action) as one log line of ours —
 * JSON in production, with the route and the request id (lib/ops/request-error.ts). */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/ops/request-error");
  logRequestError(error, request, context);
};
