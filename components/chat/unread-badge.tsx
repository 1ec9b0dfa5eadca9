"use client";

import { createContext, useContext, type ReactNode } from "react";
import { usePolledCount } from "@/components/ui/use-polled-count";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { unreadQueryKey } from "./chat-query-keys";

const UnreadCount = createContext(0);

/** The signed-in user's unread chat count for the header: rendered by the server, then pushed over
 * /api/chats/unread/stream whenever a change to one of their chats moves it (polled from /api/chats/unread
 * only while that stream is down), and set at once by an open conversation, which reads it with every
 * snapshot. Around the whole header: the badge shows in both the wide and the phone menu, and one stream
 * serves both. */
export function UnreadChatsProvider({ userId, initialCount, children }: { userId: string; initialCount: number; children: ReactNode }) {
  const count = usePolledCount(unreadQueryKey(userId), "/api/chats/unread", initialCount, { streamUrl: "/api/chats/unread/stream" });
  return <UnreadCount.Provider value={count}>{children}</UnreadCount.Provider>;
}

/** The count from UnreadChatsProvider; nothing when there is none. */
export function UnreadBadge() {
  const count = useContext(UnreadCount);
  if (!count) return null;
  return (
    <span className="badge unread-badge" data-testid="unread-badge">
      <span aria-hidden="true">{persianNumber(count)}</span>
      <span className="visually-hidden">{messages.chat.unreadBadge(count)}</span>
    </span>
  );
}
