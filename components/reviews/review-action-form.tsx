import type { StaffAction } from "@/components/staff/action-state";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { messages } from "@/lib/i18n/messages";

const t = messages.reviews;

/** What a manager does to a review: the doctor replies to it, the clinic admin hides it with a reason. */
export type ReviewAction = "reply" | "hide";

export function ReviewActionForm({ kind, action, reviewId }: { kind: ReviewAction; action: StaffAction; reviewId: string }) {
  const id = `${kind}-${reviewId}`;
  return kind === "reply" ? (
    <StaffActionForm action={action} hidden={{ reviewId }} submitLabel={t.sendReply}>
      <div className="field">
        <label htmlFor={id}>{t.reply}</label>
        <textarea id={id} name="reply" className="input" rows={3} maxLength={1000} required />
      </div>
    </StaffActionForm>
  ) : (
    <StaffActionForm action={action} hidden={{ reviewId }} submitLabel={t.hide} danger>
      <div className="field">
        <label htmlFor={id}>{t.hideReason}</label>
        <input id={id} name="reason" className="input" maxLength={500} required />
      </div>
    </StaffActionForm>
  );
}
