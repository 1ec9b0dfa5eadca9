"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

const POLL_MS = 3_000;

/** While a payment is open (waiting for the gateway's return, or being verified), asks the server to check
 * with the gateway — at once, then every few seconds — and re-renders the page with the answer. The server
 * decides whether the gateway is really asked (at most once per attempt per few seconds, whoever asks);
 * `recheck` answers false once nothing is open any more. */
export function GatewayPoller({ recheck }: { recheck: () => Promise<boolean> }) {
  const router = useRouter();
  // Each refresh hands down a new (equal) action; the loop keeps running on the latest one instead of
  // restarting, which would ask again at once after every refresh.
  const latest = useRef(recheck);
  useEffect(() => {
    latest.current = recheck;
  }, [recheck]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      const open = await latest.current().catch(() => true);
      if (stopped) return;
      router.refresh();
      if (open) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [router]);
  return null;
}
