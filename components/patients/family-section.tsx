import Link from "next/link";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { memberLabel } from "@/lib/patients/checkout-person";
import type { FamilyMember } from "@/lib/patients/family";
import { MemberForm, RemoveMemberButton, type ProfileFormState } from "./profile-forms";

const t = messages.profile;

type Action = (state: ProfileFormState, formData: FormData) => Promise<ProfileFormState>;

/** The family members one books for: each with edit (the member `editing` shows its form in place) and remove,
 * and the form to add one. */
export function FamilySection({
  members,
  editing,
  save,
  remove,
}: {
  members: FamilyMember[];
  editing?: string;
  save: Action;
  remove: Action;
}) {
  return (
    <section className="card stack" id="family" aria-labelledby="family-heading">
      <h2 id="family-heading">{t.familyTitle}</h2>
      <p className="muted">{t.familyLead}</p>
      {members.length ? (
        <ul className="stack plain-list">
          {members.map((m) => (
            <li key={m.id} className="stack family-member" data-testid="family-member">
              {editing === m.id ? (
                <MemberForm
                  action={save}
                  initial={{
                    id: m.id,
                    firstName: m.firstName,
                    lastName: m.lastName,
                    nationalCode: persianNumber(m.nationalCode),
                    relation: m.relation,
                  }}
                  cancelHref="/profile#family"
                />
              ) : (
                <div className="row">
                  <span>
                    {memberLabel(m)} · <span dir="ltr">{persianNumber(m.nationalCode)}</span>
                  </span>
                  <Link className="button secondary" href={`/profile?edit=${m.id}#family`} scroll={false}>
                    {t.editMember}
                  </Link>
                  <RemoveMemberButton action={remove} memberId={m.id} label={memberLabel(m)} />
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.familyEmpty}</p>
      )}
      <h3>{t.addMember}</h3>
      <MemberForm action={save} initial={{}} />
    </section>
  );
}
