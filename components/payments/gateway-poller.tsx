"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const POLL_MS = 3_000;

/** While a payment is open (waiting for the gateway's return, or being verified), asks the server to check
 * with the gateway — at once, then every few seconds — and re-renders the page with the answer. The server
 * decides whether the gateway is really asked (at most once per attempt per few seconds, whoever asks);
 * `recheck` answers false once nothing is open any more. */
export function GatewayPoller({ recheck }: { recheck: () => Promise<boolean> }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      const open = await recheck().catch(() => true);
      if (stopped) return;
      router.refresh();
      if (open) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [recheck, router]);
  return null;
}
