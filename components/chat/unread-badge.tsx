"use client";

import { useQuery } from "@tanstack/react-query";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { unreadQueryKey } from "./chat-query-keys";

const REFRESH_MS = 15_000;

async function fetchUnread(): Promise<number> {
  const response = await fetch("/api/chats/unread", { cache: "no-store" });
  if (!response.ok) throw new Error(`unread count answered ${response.status}`);
  return ((await response.json()) as { count: number }).count;
}

/** The header's unread count: rendered by the server, refreshed now and then, and set at once by an open
 * conversation's polling (which reads it with every answer). */
export function UnreadBadge({ userId, initialCount }: { userId: string; initialCount: number }) {
  const { data: count } = useQuery({
    queryKey: unreadQueryKey(userId),
    queryFn: fetchUnread,
    initialData: initialCount,
    staleTime: REFRESH_MS,
    refetchInterval: REFRESH_MS,
  });
  if (!count) return null;
  return (
    <span className="badge unread-badge" data-testid="unread-badge">
      <span aria-hidden="true">{persianNumber(count)}</span>
      <span className="visually-hidden">{messages.chat.unreadBadge(count)}</span>
    </span>
  );
}
