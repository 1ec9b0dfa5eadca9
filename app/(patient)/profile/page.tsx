import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { MemberForm, ProfileForm, RemoveMemberButton } from "@/components/patients/profile-forms";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { memberLabel } from "@/lib/patients/checkout-person";
import { familyOf } from "@/lib/patients/family";
import { profileOf } from "@/lib/patients/profile";
import { removeMemberAction, saveMemberAction, saveProfileAction } from "./actions";

const t = messages.profile;

export const metadata: Metadata = { title: t.title };

const idParam = z.uuid().optional().catch(undefined);

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ edit?: string }> }) {
  const user = await requireUser("/profile");
  const editing = idParam.parse((await searchParams).edit);
  const [profile, members] = await Promise.all([profileOf(db(), user.userId), familyOf(db(), user.userId)]);
  const initial = {
    firstName: profile?.firstName ?? "",
    lastName: profile?.lastName ?? "",
    nationalCode: profile?.nationalCode ? persianNumber(profile.nationalCode) : "",
    birthYear: profile?.birthYear ? persianNumber(String(profile.birthYear)) : "",
    sex: profile?.sex ?? "",
  };
  return (
    <div className="stack" style={{ maxWidth: 640, marginInline: "auto" }}>
      <section className="card stack" aria-labelledby="profile-heading">
        <h1 id="profile-heading">{t.title}</h1>
        <p className="muted">{t.lead}</p>
        <p className="muted" dir="ltr" style={{ textAlign: "end" }}>
          {persianNumber(user.phone)}
        </p>
        <ProfileForm action={saveProfileAction} initial={initial} />
      </section>
      <section className="card stack" id="family" aria-labelledby="family-heading">
        <h2 id="family-heading">{t.familyTitle}</h2>
        <p className="muted">{t.familyLead}</p>
        {members.length ? (
          <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {members.map((m) => (
              <li key={m.id} className="stack family-member" data-testid="family-member">
                {editing === m.id ? (
                  <MemberForm
                    action={saveMemberAction}
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
                    <RemoveMemberButton action={removeMemberAction} memberId={m.id} label={memberLabel(m)} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t.familyEmpty}</p>
        )}
        <h3>{t.addMember}</h3>
        <MemberForm action={saveMemberAction} initial={{}} />
      </section>
    </div>
  );
}
