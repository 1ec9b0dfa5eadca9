"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { StaffActionState } from "@/components/staff/action-state";
import { messages } from "@/lib/i18n/messages";

const t = messages.moneyOut.backToCard;

export type BackToCardView =
  | { kind: "offer"; amountText: string; untilText: string }
  | { kind: "reversed"; amountText: string }
  | { kind: "reversing" }
  | { kind: "none" };

type State = StaffActionState;
const idle: State = { status: "idle" };

/** Beside the credit an auto-refunded payment left in the wallet: "back to the card" while the gateway still
 * allows it. What the action answers (done, or why the credit stayed in the wallet) is shown in place. */
export function BackToCard({
  view,
  attemptId,
  action,
}: {
  view: BackToCardView;
  attemptId: string;
  action: (state: State, formData: FormData) => Promise<State>;
}) {
  const [state, formAction, pending] = useActionState(action, idle);
  if (state.status === "done" || view.kind === "reversed") {
    return (
      <p className="alert success" role="status" data-testid="back-to-card-done">
        {state.status === "done" ? state.message : view.kind === "reversed" ? t.done(view.amountText) : null}
      </p>
    );
  }
  if (view.kind === "reversing") return <p className="alert info">{t.reversing}</p>;
  if (view.kind === "none") {
    return state.status === "error" ? (
      <p className="alert error" role="alert" data-testid="back-to-card-error">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <section className="card stack" aria-labelledby="back-to-card-title" data-testid="back-to-card">
      <h2 id="back-to-card-title">{t.title}</h2>
      <p>{t.body(view.amountText, view.untilText)}</p>
      {state.status === "error" ? (
        <p className="alert error" role="alert" data-testid="back-to-card-error">
          {state.message}
        </p>
      ) : null}
      <form action={formAction} className="row">
        <input type="hidden" name="attemptId" value={attemptId} />
        <button className="button" type="submit" disabled={pending}>
          {t.button}
        </button>
        <Link className="button secondary" href="/wallet">
          {t.keep}
        </Link>
      </form>
    </section>
  );
}
