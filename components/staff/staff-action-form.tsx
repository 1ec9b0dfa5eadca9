"use client";

import { useActionState, type ReactNode } from "react";
import { ActionResult } from "./action-result";
import { idleState, type StaffAction } from "./action-state";
import { ConfirmCancellations } from "./confirm-cancellations";

/** A staff form posting to a server action: hidden fields, optional inputs, one submit button, and the
 * action's answer under it — including the cancel-and-refund confirmation when the action asks for one. */
export function StaffActionForm({
  action,
  hidden,
  submitLabel,
  children,
  danger = false,
  className = "stack",
}: {
  action: StaffAction;
  hidden?: Record<string, string>;
  submitLabel: string;
  children?: ReactNode;
  danger?: boolean;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  return (
    <form action={formAction} className={className}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {state.status === "confirm" ? (
        <ConfirmCancellations booked={state.booked} message={state.message} pending={pending} />
      ) : (
        <button className={danger ? "button secondary danger-outline" : "button secondary"} type="submit" disabled={pending}>
          {submitLabel}
        </button>
      )}
      <ActionResult state={state} />
    </form>
  );
}
