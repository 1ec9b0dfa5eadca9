"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { MESSAGE_MAX_CHARS } from "@/lib/chat/chat-input";
import { messages } from "@/lib/i18n/messages";
import type { QuickReply } from "@/lib/chat/quick-replies";
import { chatQueryKey } from "./chat-query-keys";
import { QuickReplyPicker } from "./quick-replies";
import { chatApiError } from "./use-chat-conversation";

const t = messages.chat.thread;

/** Writes one message. On success the conversation is polled at once, so the new message shows in its
 * place in the server's order rather than wherever this tab would have put it. */
export function ChatComposer({ chatId, quickReplies = [] }: { chatId: string; quickReplies?: QuickReply[] }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const send = useMutation({
    mutationFn: async (text: string) => {
      const response = await fetch(`/api/chats/${chatId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body: text }),
      });
      if (!response.ok) throw await chatApiError(response);
    },
    onSuccess: () => {
      setBody("");
      return queryClient.invalidateQueries({ queryKey: chatQueryKey(chatId) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!send.isPending) send.mutate(body);
  }
  // Enter writes a new line (long Persian messages); Ctrl/⌘+Enter sends.
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
  }

  return (
    <form className="stack chat-composer" onSubmit={submit} noValidate>
      {send.isError ? (
        <p className="alert error" role="alert">
          {send.error.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="chat-message">{t.messageLabel}</label>
        <textarea
          id="chat-message"
          className="input"
          rows={3}
          maxLength={MESSAGE_MAX_CHARS}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <QuickReplyPicker replies={quickReplies} onInsert={(text) => setBody((current) => (current.trim() ? `${current}\n${text}` : text))} />
      <div className="row">
        <button className="button" type="submit" disabled={send.isPending}>
          {send.isPending ? t.sending : t.send}
        </button>
      </div>
    </form>
  );
}
