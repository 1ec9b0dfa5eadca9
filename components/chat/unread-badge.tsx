"use client";

import { usePolledCount } from "@/components/ui/use-polled-count";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { unreadQueryKey } from "./chat-query-keys";

/** The header's unread count: rendered by the server, refreshed now and then, and set at once by an open
 * conversation's polling (which reads it with every answer). */
export function UnreadBadge({ userId, initialCount }: { userId: string; initialCount: number }) {
  const count = usePolledCount(unreadQueryKey(userId), "/api/chats/unread", initialCount);
  if (!count) return null;
  return (
    <span className="badge unread-badge" data-testid="unread-badge">
      <span aria-hidden="true">{persianNumber(count)}</span>
      <span className="visually-hidden">{messages.chat.unreadBadge(count)}</span>
    </span>
  );
}
