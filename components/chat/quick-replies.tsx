"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/components/payments/form-state";
import { QUICK_REPLY_MAX_CHARS } from "@/lib/chat/chat-input";
import type { QuickReply } from "@/lib/chat/quick-replies";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.quickReplies;

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
export type QuickReplyActions = { add: FormAction; update: FormAction; remove: FormAction };

/** One tap puts a saved reply into the message box; the doctor can still edit it before sending. */
export function QuickReplyPicker({ replies, onInsert }: { replies: QuickReply[]; onInsert: (body: string) => void }) {
  if (replies.length === 0) return null;
  return (
    <div className="row" role="group" aria-label={t.insertLabel} data-testid="quick-reply-picker">
      {replies.map((reply) => (
        <button key={reply.id} type="button" className="button secondary small" onClick={() => onInsert(reply.body)}>
          {reply.body.length > 40 ? `${reply.body.slice(0, 40)}…` : reply.body}
        </button>
      ))}
    </div>
  );
}

function ErrorLine({ state }: { state: FormState }) {
  return state.error ? (
    <p className="alert error" role="alert">
      {state.error}
    </p>
  ) : null;
}

function ReplyRow({ reply, actions }: { reply: QuickReply; actions: QuickReplyActions }) {
  const [updateState, update, updating] = useActionState(actions.update, initialFormState);
  const [removeState, remove, removing] = useActionState(actions.remove, initialFormState);
  return (
    <li className="stack" data-testid="quick-reply">
      <ErrorLine state={updateState.error ? updateState : removeState} />
      <form action={update} className="stack">
        <input type="hidden" name="id" value={reply.id} />
        <label className="field stack">
          <span>{t.bodyLabel}</span>
          <textarea name="body" rows={2} maxLength={QUICK_REPLY_MAX_CHARS} defaultValue={reply.body} />
        </label>
        <div className="row">
          <button className="button secondary" type="submit" disabled={updating}>
            {t.save}
          </button>
          <button className="button secondary" type="submit" formAction={remove} disabled={removing}>
            {t.remove}
          </button>
        </div>
      </form>
    </li>
  );
}

/** The doctor's own saved replies: add, edit, delete. */
export function QuickReplyManager({ replies, actions }: { replies: QuickReply[]; actions: QuickReplyActions }) {
  const [addState, add, adding] = useActionState(actions.add, initialFormState);
  return (
    <details className="card stack" data-testid="quick-reply-manager">
      <summary>{t.manage}</summary>
      {replies.length === 0 ? <p className="hint">{t.empty}</p> : null}
      <ul className="stack">
        {replies.map((reply) => (
          // Keyed by text too, so a saved edit resets the row's form to the stored text.
          <ReplyRow key={`${reply.id}:${reply.body}`} reply={reply} actions={actions} />
        ))}
      </ul>
      <form action={add} className="stack">
        <ErrorLine state={addState} />
        <label className="field stack">
          <span>{t.newLabel}</span>
          <textarea name="body" rows={2} maxLength={QUICK_REPLY_MAX_CHARS} data-testid="quick-reply-new" />
        </label>
        <button className="button" type="submit" disabled={adding}>
          {t.add}
        </button>
      </form>
    </details>
  );
}
