"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEventStream } from "./use-event-stream";

const REFRESH_MS = 15_000;

/** A count the server rendered into the page (`initialCount`), refreshed now and then from `url`, which
 * answers `{ count }`. With `streamUrl` (Server-Sent Events of the same `{ count }`), the count is pushed
 * instead, and `url` is polled only while that stream is down. The key should carry the user id, so a tab
 * that signs in as someone else never shows the previous user's number. Call it once per count on a page:
 * each call with a stream opens one. */
export function usePolledCount(
  queryKey: readonly unknown[],
  url: string,
  initialCount: number,
  options: { streamUrl?: string } = {},
): number {
  const queryClient = useQueryClient();
  const streaming = useEventStream(
    options.streamUrl ?? null,
    () => options.streamUrl!,
    (data) => queryClient.setQueryData(queryKey, (JSON.parse(data) as { count: number }).count),
  );
  const { data } = useQuery({
    queryKey,
    queryFn: async () => {
      const response = await fetch(url, { cache: "no-store" });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return ((await response.json()) as { count: number }).count;
    },
    initialData: initialCount,
    staleTime: REFRESH_MS,
    refetchInterval: streaming ? false : REFRESH_MS,
  });
  return data ?? 0;
}
