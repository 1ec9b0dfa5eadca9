import { messages } from "@/lib/i18n/messages";
import type { DoctorOption } from "@/lib/staff/doctor-day";

const t = messages.staff.schedule;

/** Which doctor's schedule to show: a GET form, so the choice lives in the URL (`?doctor=`). */
export function DoctorChooser({ doctors, selected }: { doctors: DoctorOption[]; selected?: string }) {
  return (
    <form method="get" className="card row">
      <div className="field grow">
        <label htmlFor="doctor">{t.chooseDoctor}</label>
        <select id="doctor" name="doctor" className="input" defaultValue={selected ?? ""} required>
          <option value="" disabled>
            {t.chooseDoctor}
          </option>
          {doctors.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} — {d.clinicName}
            </option>
          ))}
        </select>
      </div>
      <button className="button self-end" type="submit">
        {t.show}
      </button>
    </form>
  );
}
