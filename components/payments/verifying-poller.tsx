"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const POLL_MS = 3_000;

/** While a payment is being checked, asks the server again every few seconds and re-renders the page once
 * the answer changes. */
export function VerifyingPoller({ attemptId, recheck }: { attemptId: string; recheck: (attemptId: string) => Promise<string | null> }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const status = await recheck(attemptId).catch(() => null);
      if (!stopped) router.refresh();
      if (status && status !== "verifying") clearInterval(timer);
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [attemptId, recheck, router]);
  return null;
}
