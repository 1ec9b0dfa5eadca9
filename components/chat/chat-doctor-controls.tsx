"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/components/payments/form-state";
import { CLOSING_SUMMARY_MAX_CHARS } from "@/lib/chat/chat-input";
import type { ChatStatus } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";
import { chatQueryKey } from "./chat-query-keys";

const t = messages.chat.thread;

type ChatAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** Accept a waiting request / close an open conversation. After either, the conversation is polled at
 * once so the screen shows the new state without waiting for the next tick. */
export function ChatDoctorControls({
  chatId,
  status,
  accept,
  close,
}: {
  chatId: string;
  status: ChatStatus;
  accept: ChatAction;
  close: ChatAction;
}) {
  const queryClient = useQueryClient();
  const refreshAfter =
    (action: ChatAction): ChatAction =>
    async (state, formData) => {
      const next = await action(state, formData);
      await queryClient.invalidateQueries({ queryKey: chatQueryKey(chatId) });
      return next;
    };
  const [acceptState, acceptAction, accepting] = useActionState(refreshAfter(accept), initialFormState);
  const [closeState, closeAction, closing] = useActionState(refreshAfter(close), initialFormState);
  const error = acceptState.error ?? closeState.error;

  if (status !== "waiting" && status !== "active") return null;
  return (
    <div className="stack">
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {status === "waiting" ? (
        <form action={acceptAction}>
          <input type="hidden" name="chatRequestId" value={chatId} />
          <button className="button" type="submit" disabled={accepting}>
            {t.accept}
          </button>
        </form>
      ) : (
        <form
          action={closeAction}
          onSubmit={(event) => {
            if (!window.confirm(t.closeConfirm)) event.preventDefault();
          }}
        >
          <input type="hidden" name="chatRequestId" value={chatId} />
          <label className="field stack">
            <span>{t.summaryLabel}</span>
            <textarea name="summary" rows={3} maxLength={CLOSING_SUMMARY_MAX_CHARS} data-testid="closing-summary-input" />
          </label>
          <button className="button secondary" type="submit" disabled={closing}>
            {t.close}
          </button>
        </form>
      )}
    </div>
  );
}
