import { messages } from "@/lib/i18n/messages";
import type { StaffAction } from "./action-state";
import { StaffActionForm } from "./staff-action-form";

const t = messages.notifications.delayForm;

/** Tells the doctor's patients of the rest of today that the doctor is late. `noticeKey` is fresh on every
 * render of the page: a double click sends the same key, which the service counts once. */
export function DelayNoticeForm({ action, doctorId, noticeKey }: { action: StaffAction; doctorId: string; noticeKey: string }) {
  return (
    <section className="card stack" aria-labelledby="delay-title">
      <h3 id="delay-title">{t.title}</h3>
      <StaffActionForm action={action} hidden={{ doctorId, noticeKey }} submitLabel={t.submit} className="row">
        <label className="field">
          <span>{t.minutes}</span>
          <input
            name="minutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={240}
            step={5}
            required
            defaultValue={15}
            data-testid="delay-minutes"
          />
        </label>
      </StaffActionForm>
    </section>
  );
}
