"use client";

import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";

const t = messages.waitlist;

/** What the join and leave actions answer. */
export type WaitlistFormState = { status: "idle" } | { status: "done" | "error"; message: string };
export type WaitlistAction = (state: WaitlistFormState, formData: FormData) => Promise<WaitlistFormState>;

const idle: WaitlistFormState = { status: "idle" };

function Answer({ state }: { state: WaitlistFormState }) {
  if (state.status === "idle") return null;
  return state.status === "error" ? (
    <p className="alert error" role="alert">
      {state.message}
    </p>
  ) : (
    <p className="alert success" role="status">
      {state.message}
    </p>
  );
}

/** Joining: the Tehran days are optional ("any day"), each a list of the next days in Jalali. */
export function JoinWaitlistForm({
  action,
  doctorId,
  days,
}: {
  action: WaitlistAction;
  doctorId: string;
  days: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, idle);
  const daySelect = (name: "fromDate" | "toDate", label: string) => (
    <div className="field">
      <label htmlFor={`waitlist-${name}`}>{label}</label>
      <select id={`waitlist-${name}`} name={name} className="input" defaultValue="">
        <option value="">{t.card.anyDay}</option>
        {days.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form action={formAction} className="stack" data-testid="waitlist-join">
      <input type="hidden" name="doctorId" value={doctorId} />
      <div className="row">
        {daySelect("fromDate", t.card.from)}
        {daySelect("toDate", t.card.to)}
      </div>
      <Answer state={state} />
      <div>
        <button className="button" type="submit" disabled={pending}>
          {t.card.join}
        </button>
      </div>
    </form>
  );
}

export function LeaveWaitlistForm({ action, entryId }: { action: WaitlistAction; entryId: string }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="entryId" value={entryId} />
      <Answer state={state} />
      <div>
        <button className="button secondary" type="submit" disabled={pending} data-testid="waitlist-leave">
          {t.card.leave}
        </button>
      </div>
    </form>
  );
}
