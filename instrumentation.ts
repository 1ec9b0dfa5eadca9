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
