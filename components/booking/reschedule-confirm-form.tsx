"use client";

import Link from "next/link";
import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";

const t = messages.appointments;

export type RescheduleFormState = { error?: string };

/** Confirms a move that costs nothing more (the same fee, or a lower one refunded to the wallet). The
 * difference the patient was shown goes with it: if the fee changed meanwhile the service refuses and says so. */
export function RescheduleConfirmForm({
  action,
  hidden,
  otherTimeHref,
}: {
  action: (state: RescheduleFormState, formData: FormData) => Promise<RescheduleFormState>;
  hidden: Record<string, string>;
  otherTimeHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="stack" aria-busy={pending}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.error ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="row">
        <button className="button" type="submit" disabled={pending} data-testid="confirm-reschedule">
          {t.confirmMove}
        </button>
        <Link className="button secondary" href={otherTimeHref}>
          {t.otherTime}
        </Link>
      </div>
    </form>
  );
}
