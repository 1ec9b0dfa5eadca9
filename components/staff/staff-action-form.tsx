"use client";

import { startTransition, useActionState, type FormEvent, type ReactNode } from "react";
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
  keepValues = false,
}: {
  action: StaffAction;
  hidden?: Record<string, string>;
  submitLabel: string;
  children?: ReactNode;
  danger?: boolean;
  className?: string;
  /** Keep what was typed after the answer (React resets a form after its action): a long form refused for one
   * field must not lose the others. Without JavaScript the form still posts to the action. */
  keepValues?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  function submitKeepingValues(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  }
  return (
    <form action={formAction} onSubmit={keepValues ? submitKeepingValues : undefined} className={className}>
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
