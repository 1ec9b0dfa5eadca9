import type { Metadata } from "next";
import { z } from "zod";
import { FamilySection } from "@/components/patients/family-section";
import { ProfileForm } from "@/components/patients/profile-forms";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
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
    <div className="stack narrow-page">
      <section className="card stack" aria-labelledby="profile-heading">
        <h1 id="profile-heading">{t.title}</h1>
        <p className="muted">{t.lead}</p>
        <p className="muted text-end" dir="ltr">
          {persianNumber(user.phone)}
        </p>
        <ProfileForm action={saveProfileAction} initial={initial} />
      </section>
      <FamilySection members={members} editing={editing} save={saveMemberAction} remove={removeMemberAction} />
    </div>
  );
}
