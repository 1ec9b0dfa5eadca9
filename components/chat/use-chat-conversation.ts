"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { mergeMessages, type ChatSnapshot } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";
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

/** The event stream while the tab is visible: true while it is open. EventSource reconnects by itself
 * (the server asks for 3 s); each reconnect starts after the last message shown. */
function useChatStream(chatId: string, initial: ChatSnapshot): boolean {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const queryKey = chatQueryKey(chatId);
    let source: EventSource | null = null;
    const connect = () => {
      if (source || document.visibilityState !== "visible" || typeof EventSource === "undefined") return;
      const shown = queryClient.getQueryData<ChatSnapshot>(queryKey) ?? initial;
      const after = shown.messages.at(-1)?.id;
      source = new EventSource(`/api/chats/${chatId}/stream${after ? `?after=${after}` : ""}`);
      source.onopen = () => setOpen(true);
      source.onerror = () => setOpen(false);
      source.onmessage = (event: MessageEvent<string>) => {
        const next = JSON.parse(event.data) as ChatSnapshot;
        const current = queryClient.getQueryData<ChatSnapshot>(queryKey) ?? initial;
        queryClient.setQueryData(queryKey, applySnapshot(queryClient, queryKey, current, next));
      };
    };
    const disconnect = () => {
      source?.close();
      source = null;
      setOpen(false);
    };
    // A hidden tab keeps no stream open (and so marks nothing read), as it polled nothing before.
    const onVisibility = () => (document.visibilityState === "visible" ? connect() : disconnect());
    connect();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      disconnect();
    };
  }, [chatId, initial, queryClient]);
  return open;
}

/** The conversation: the server-rendered snapshot first, then what the stream pushes — or, while the stream
 * is down, every CHAT_POLL_MS the messages after the last one shown, appended. */
export function useChatConversation(chatId: string, initial: ChatSnapshot) {
  const queryClient = useQueryClient();
  const queryKey = chatQueryKey(chatId);
  const streaming = useChatStream(chatId, initial);
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
