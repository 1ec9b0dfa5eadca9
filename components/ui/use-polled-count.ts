"use client";

import { useQuery } from "@tanstack/react-query";

const REFRESH_MS = 15_000;

/** A count the server rendered into the page (`initialCount`), refreshed now and then from `url`, which
 * answers `{ count }`. The key should carry the user id, so a tab that signs in as someone else never shows
 * the previous user's number. */
export function usePolledCount(queryKey: readonly unknown[], url: string, initialCount: number): number {
  const { data } = useQuery({
    queryKey,
    queryFn: async () => {
      const response = await fetch(url, { cache: "no-store" });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return ((await response.json()) as { count: number }).count;
    },
    initialData: initialCount,
    staleTime: REFRESH_MS,
    refetchInterval: REFRESH_MS,
  });
  return data ?? 0;
}
