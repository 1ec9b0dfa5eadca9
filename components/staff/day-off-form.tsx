import { messages } from "@/lib/i18n/messages";
import type { StaffAction } from "./action-state";
import { StaffActionForm } from "./staff-action-form";

const t = messages.clinicAdmin.dayOff;

/** A doctor's day off: closes the chosen day's remaining slots. The action first lists the visits it would
 * cancel (with a full refund each) and asks for a reason; the patients are told by SMS and on their list. */
export function DayOffForm({ action, doctorId, days }: { action: StaffAction; doctorId: string; days: { date: string; label: string }[] }) {
  return (
    <section className="card stack" aria-labelledby="day-off-title" data-testid="day-off">
      <h3 id="day-off-title">{t.title}</h3>
      <p className="hint">{t.lead}</p>
      <StaffActionForm action={action} hidden={{ doctorId }} submitLabel={t.submit} danger>
        <div className="field">
          <label htmlFor="day-off-date">{t.date}</label>
          <select id="day-off-date" name="date" className="input" defaultValue={days[0]?.date}>
            {days.map((d) => (
              <option key={d.date} value={d.date}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      </StaffActionForm>
    </section>
  );
}
