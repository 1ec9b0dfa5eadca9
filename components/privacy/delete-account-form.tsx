"use client";

import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";
import { initialDeleteState, type DeleteFormState } from "./delete-state";

const t = messages.privacy;

/** The last step: a confirmation box, then the server decides (it checks the wallet, visits and chats again). */
export function DeleteAccountForm({ action }: { action: (state: DeleteFormState, formData: FormData) => Promise<DeleteFormState> }) {
  const [state, formAction, pending] = useActionState(action, initialDeleteState);
  return (
    <form action={formAction} className="stack" noValidate>
      <label className="row">
        <input type="checkbox" name="confirm" value="yes" aria-describedby={state.errors.length ? "delete-errors" : undefined} />
        <span>{t.deleteConfirm}</span>
      </label>
      {state.errors.length > 0 ? (
        <div id="delete-errors" className="alert error" role="alert" data-testid="delete-errors">
          <ul>
            {state.errors.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <button className="button danger" type="submit" disabled={pending}>
        {pending ? t.deleting : t.deleteSubmit}
      </button>
    </form>
  );
}
