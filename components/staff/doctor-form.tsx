import { persianNumber, rialToToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { ManagedDoctor } from "@/lib/staff/doctor-admin";
import type { StaffAction } from "./action-state";
import { StaffActionForm } from "./staff-action-form";

const t = messages.clinicAdmin.doctors;

export type DoctorFormValues = Pick<
  ManagedDoctor,
  | "name"
  | "title"
  | "specialtyId"
  | "phone"
  | "councilNumber"
  | "visitFeeRial"
  | "chatFeeRial"
  | "takesChat"
  | "chatAnswerHours"
  | "bio"
  | "education"
  | "languages"
  | "insurances"
>;

type Choice = { id: string; name: string };

const toman = (rial: number) => (rial > 0 ? persianNumber(String(rialToToman(rial))) : "");

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Adding or editing a doctor: the profile patients read, fees in Toman, the chat offer, and the phone the
 * doctor signs in with. `clinics` (a new doctor only) chooses the clinic among the admin's own. */
export function DoctorForm({
  action,
  hidden,
  values,
  specialties,
  clinics,
  submitLabel,
}: {
  action: StaffAction;
  hidden?: Record<string, string>;
  values?: DoctorFormValues;
  specialties: Choice[];
  clinics?: Choice[];
  submitLabel: string;
}) {
  const v = values;
  return (
    <StaffActionForm action={action} hidden={hidden} submitLabel={submitLabel} keepValues>
      {clinics ? (
        <Field id="doctor-clinic" label={t.clinic}>
          <select id="doctor-clinic" name="clinicId" className="input" required defaultValue={clinics[0]?.id}>
            {clinics.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="form-grid">
        <Field id="doctor-name" label={t.name}>
          <input id="doctor-name" name="name" className="input" required maxLength={100} defaultValue={v?.name} placeholder={t.nameHint} />
        </Field>
        <Field id="doctor-title" label={t.titleField}>
          <input id="doctor-title" name="title" className="input" maxLength={100} defaultValue={v?.title} placeholder={t.titleHint} />
        </Field>
        <Field id="doctor-specialty" label={t.specialty}>
          <select id="doctor-specialty" name="specialtyId" className="input" required defaultValue={v?.specialtyId ?? specialties[0]?.id}>
            {specialties.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="doctor-phone" label={t.phone} hint={t.phoneHint}>
          <input
            id="doctor-phone"
            name="phone"
            className="input ltr"
            inputMode="tel"
            required
            maxLength={20}
            defaultValue={persianNumber(v?.phone ?? "")}
            aria-describedby="doctor-phone-hint"
          />
        </Field>
        <Field id="doctor-council" label={t.councilNumber} hint={t.councilHint}>
          <input
            id="doctor-council"
            name="councilNumber"
            className="input ltr"
            inputMode="numeric"
            required
            maxLength={20}
            defaultValue={persianNumber(v?.councilNumber ?? "")}
            aria-describedby="doctor-council-hint"
          />
        </Field>
        <Field id="doctor-visit-fee" label={t.visitFee}>
          <input
            id="doctor-visit-fee"
            name="visitFeeToman"
            className="input ltr"
            inputMode="numeric"
            required
            maxLength={20}
            defaultValue={toman(v?.visitFeeRial ?? 0)}
          />
        </Field>
        <Field id="doctor-chat-fee" label={t.chatFee}>
          <input
            id="doctor-chat-fee"
            name="chatFeeToman"
            className="input ltr"
            inputMode="numeric"
            required
            maxLength={20}
            defaultValue={toman(v?.chatFeeRial ?? 0)}
          />
        </Field>
        <Field id="doctor-answer-hours" label={t.answerHours}>
          <input
            id="doctor-answer-hours"
            name="chatAnswerHours"
            className="input ltr"
            inputMode="numeric"
            maxLength={5}
            defaultValue={persianNumber(String(v?.chatAnswerHours ?? 24))}
          />
        </Field>
      </div>
      <label className="choice choice-standalone">
        <input type="checkbox" name="takesChat" value="1" defaultChecked={v?.takesChat ?? false} />
        {t.takesChat}
      </label>
      <Field id="doctor-bio" label={t.bio}>
        <textarea id="doctor-bio" name="bio" className="input" rows={3} maxLength={2000} defaultValue={v?.bio} />
      </Field>
      <Field id="doctor-education" label={t.education}>
        <textarea id="doctor-education" name="education" className="input" rows={2} maxLength={1000} defaultValue={v?.education} />
      </Field>
      <Field id="doctor-languages" label={t.languages} hint={t.languagesHint}>
        <input
          id="doctor-languages"
          name="languages"
          className="input"
          maxLength={600}
          defaultValue={v?.languages.join("، ")}
          aria-describedby="doctor-languages-hint"
        />
      </Field>
      <Field id="doctor-insurances" label={t.insurances} hint={t.insurancesHint}>
        <input
          id="doctor-insurances"
          name="insurances"
          className="input"
          maxLength={1200}
          defaultValue={v?.insurances.join("، ")}
          aria-describedby="doctor-insurances-hint"
        />
      </Field>
    </StaffActionForm>
  );
}
