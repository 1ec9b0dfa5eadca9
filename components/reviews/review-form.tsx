"use client";

import { useActionState } from "react";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { ActionResult } from "../staff/action-result";
import { idleState, type StaffAction } from "../staff/action-state";

const t = messages.reviews;
const ASPECTS = ["overall", "treatment", "manner", "explanation"] as const;

/** Overall and the three aspects as 1–5 radio groups (keyboard and touch friendly), recommend yes/no, a comment. */
export function ReviewForm({ reservationId, action }: { reservationId: string; action: StaffAction }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  if (state.status === "done") return <ActionResult state={state} />;
  return (
    <form action={formAction} className="stack review-form">
      <input type="hidden" name="reservationId" value={reservationId} />
      {ASPECTS.map((aspect) => (
        <fieldset key={aspect} className="rating-group">
          <legend>{t.aspects[aspect]}</legend>
          <div className="row">
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value} className="choice">
                <input type="radio" name={aspect} value={value} required aria-label={`${t.aspects[aspect]}: ${t.stars(value)}`} />
                {persianNumber(value)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="rating-group">
        <legend>{t.wouldRecommend}</legend>
        <div className="row">
          <label className="choice">
            <input type="radio" name="recommends" value="yes" required />
            {t.yes}
          </label>
          <label className="choice">
            <input type="radio" name="recommends" value="no" required />
            {t.no}
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="comment">{t.comment}</label>
        <textarea id="comment" name="comment" className="input" rows={4} maxLength={1000} />
      </div>
      <button className="button" type="submit" disabled={pending}>
        {t.submit}
      </button>
      <ActionResult state={state} />
    </form>
  );
}
