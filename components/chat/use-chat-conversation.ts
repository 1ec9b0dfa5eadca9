"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { mergeMessages, type ChatSnapshot } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";
import { useEventStream } from "@/components/ui/use-event-stream";
import { chatQueryKey, UNREAD_KEY_ROOT } from "./chat-query-keys";

/** New messages arrive pushed over Server-Sent Events (/api/chats/<id>/stream, fed by Postgres
 * LISTEN/NOTIFY — in-process on PGlite). Long-lived responses are what mobile networks and proxies cut most,
 * so while the stream is down (not yet open, dropped, refused) the screen polls as before: one indexed
 * query a second, only while the tab is visible; the cursor makes each answer only what is new. */
export const CHAT_POLL_MS = 1_000;

export class ChatApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The API's Persian error, or a generic one when the answer is not ours (a proxy's page, a network cut). */
export async function chatApiError(response: Response): Promise<ChatApiError> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return new ChatApiError(body?.error ?? messages.common.genericError, response.status);
}

/** Folds a snapshot (from a poll or the stream) into what is shown, and refreshes the header's badge. */
function applySnapshot(queryClient: QueryClient, queryKey: readonly unknown[], shown: ChatSnapshot, next: ChatSnapshot): ChatSnapshot {
  queryClient.setQueriesData({ queryKey: [UNREAD_KEY_ROOT] }, next.unread);
  return { ...next, messages: mergeMessages(shown.messages, next.messages) };
}

/** The conversation: the server-rendered snapshot first, then what the stream pushes — or, while the stream
 * is down, every CHAT_POLL_MS the messages after the last one shown, appended. */
export function useChatConversation(chatId: string, initial: ChatSnapshot) {
  const queryClient = useQueryClient();
  const queryKey = chatQueryKey(chatId);
  // A stream opened again (the tab shown again) starts after the last message shown.
  const streaming = useEventStream(
    chatId,
    () => {
      const after = (queryClient.getQueryData<ChatSnapshot>(queryKey) ?? initial).messages.at(-1)?.id;
      return `/api/chats/${chatId}/stream${after ? `?after=${after}` : ""}`;
    },
    (data) => {
      const current = queryClient.getQueryData<ChatSnapshot>(queryKey) ?? initial;
      queryClient.setQueryData(queryKey, applySnapshot(queryClient, queryKey, current, JSON.parse(data) as ChatSnapshot));
    },
  );
  return useQuery({
    queryKey,
    initialData: initial,
    refetchInterval: streaming ? false : CHAT_POLL_MS,
    queryFn: async ({ signal }): Promise<ChatSnapshot> => {
      const shown = queryClient.getQueryData<ChatSnapshot>(queryKey) ?? initial;
      const after = shown.messages.at(-1)?.id;
      const response = await fetch(`/api/chats/${chatId}/messages${after ? `?after=${after}` : ""}`, { signal, cache: "no-store" });
      if (!response.ok) throw await chatApiError(response);
      return applySnapshot(queryClient, queryKey, shown, (await response.json()) as ChatSnapshot);
    },
  });
}
