import { messages } from "@/lib/i18n/messages";
import type { BookedView } from "./action-state";

const t = messages.staff.schedule;

/** Shown inside a form whose action answered `confirm`: lists the reservations that would be cancelled and
 * refunded, asks for the reason, and sends their ids back with the same form. */
export function ConfirmCancellations({ booked, message, pending }: { booked: BookedView[]; message?: string; pending: boolean }) {
  return (
    <div className="alert warning stack" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-body">
      <h3 id="confirm-title">{t.confirmTitle}</h3>
      <p id="confirm-body">{t.confirmBody}</p>
      <ul data-testid="booked-list">
        {booked.map((b) => (
          <li key={b.reservationId}>
            {b.line}
            <input type="hidden" name="confirmed" value={b.reservationId} />
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor="confirm-reason">{t.reason}</label>
        <textarea id="confirm-reason" name="reason" className="input" rows={2} maxLength={500} required aria-invalid={Boolean(message)} />
        {message ? (
          <p className="field-error" role="alert">
            {message}
          </p>
        ) : null}
      </div>
      <button className="button danger" type="submit" disabled={pending}>
        {t.confirmAction}
      </button>
    </div>
  );
}
