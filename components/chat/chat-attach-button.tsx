"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type ChangeEvent } from "react";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_MB, ATTACHMENTS_PER_CHAT } from "@/lib/chat/chat-file-input-limits";
import { messages } from "@/lib/i18n/messages";
import { chatQueryKey } from "./chat-query-keys";
import { chatApiError } from "./use-chat-conversation";

const t = messages.chat.files;

/** Sends one photo or PDF as soon as it is picked. The server checks the bytes and answers a Persian reason
 * for anything it refuses; that reason is shown here. */
export function ChatAttachButton({ chatId }: { chatId: string }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append("file", file);
      const response = await fetch(`/api/chats/${chatId}/files`, { method: "POST", headers: { "x-chat-upload": "1" }, body: form });
      if (!response.ok) throw await chatApiError(response);
    },
    onSettled: () => {
      // The same file may be picked again after an error.
      if (input.current) input.current.value = "";
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatQueryKey(chatId) }),
  });

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file && !upload.isPending) upload.mutate(file);
  }

  return (
    <div className="stack chat-attach">
      {upload.isError ? (
        <p className="alert error" role="alert" data-testid="chat-file-error">
          {upload.error.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="chat-file">{upload.isPending ? t.uploading : t.attach}</label>
        <input
          id="chat-file"
          className="input"
          type="file"
          accept={ATTACHMENT_ACCEPT}
          onChange={onChange}
          disabled={upload.isPending}
          aria-describedby="chat-file-hint"
        />
        <p className="hint" id="chat-file-hint">
          {t.attachHint(ATTACHMENT_MAX_MB, ATTACHMENTS_PER_CHAT)}
        </p>
      </div>
    </div>
  );
}
