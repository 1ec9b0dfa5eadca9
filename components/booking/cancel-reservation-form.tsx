"use client";

import Link from "next/link";
import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";

const t = messages.appointments;

/** What the cancel action answers when it does not redirect; `expectedRefundRial` is the amount the patient
 * is now told, so confirming again agrees with the service. */
export type CancelFormState = { error?: string; expectedRefundRial?: number };

export function CancelReservationForm({
  action,
  reservationId,
  expectedRefundRial,
}: {
  action: (state: CancelFormState, formData: FormData) => Promise<CancelFormState>;
  reservationId: string;
  expectedRefundRial: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="reservationId" value={reservationId} />
      <input type="hidden" name="expectedRefundRial" value={state.expectedRefundRial ?? expectedRefundRial} />
      {state.error ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="row">
        <button className="button danger" type="submit" disabled={pending}>
          {t.confirmCancel}
        </button>
        <Link className="button secondary" href="/appointments">
          {t.keep}
        </Link>
      </div>
    </form>
  );
}
