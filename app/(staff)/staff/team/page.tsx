import type { Metadata } from "next";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDate, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { clinicTeams } from "@/lib/staff/clinic-team";
import { inviteStaffAction, removeStaffAction } from "./actions";

const t = messages.clinicAdmin.team;

export const metadata: Metadata = { title: t.title };

/** Clinic admins: who works for their clinic, adding a receptionist or clinic admin by phone, removing one. */
export default async function StaffTeamPage() {
  const user = await requireStaff("/staff/team", "clinic_admin");
  const teams = await clinicTeams(db(), user);
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.lead}</p>
      {teams.map((team) => (
        <section key={team.clinicId} className="card stack" aria-labelledby={`team-${team.clinicId}`} data-testid="clinic-team">
          <h2 id={`team-${team.clinicId}`}>{team.clinicName}</h2>
          {team.members.length === 0 ? <p className="muted">{t.none}</p> : null}
          <ul className="stack plain-list">
            {team.members.map((m) => (
              <li key={m.userId} className="row" data-testid="team-member">
                <span className="fill">
                  {m.name ?? "—"} · <bdi dir="ltr">{persianNumber(m.phone)}</bdi> · {t.roles[m.role]} · {t.since}{" "}
                  {formatJalaliDate(m.since)}
                </span>
                {m.userId !== user.userId ? (
                  <StaffActionForm
                    action={removeStaffAction}
                    hidden={{ clinicId: team.clinicId, userId: m.userId }}
                    submitLabel={t.remove}
                    danger
                    className="row"
                  />
                ) : null}
              </li>
            ))}
          </ul>
          <h3>{t.invite}</h3>
          <StaffActionForm action={inviteStaffAction} hidden={{ clinicId: team.clinicId }} submitLabel={t.add}>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`invite-phone-${team.clinicId}`}>{t.phone}</label>
                <input id={`invite-phone-${team.clinicId}`} name="phone" className="input ltr" inputMode="tel" required maxLength={20} />
              </div>
              <div className="field">
                <label htmlFor={`invite-name-${team.clinicId}`}>{t.name}</label>
                <input id={`invite-name-${team.clinicId}`} name="name" className="input" maxLength={100} />
              </div>
              <div className="field">
                <label htmlFor={`invite-role-${team.clinicId}`}>{t.role}</label>
                <select id={`invite-role-${team.clinicId}`} name="role" className="input" defaultValue="receptionist">
                  <option value="receptionist">{t.roles.receptionist}</option>
                  <option value="clinic_admin">{t.roles.clinic_admin}</option>
                </select>
              </div>
            </div>
          </StaffActionForm>
        </section>
      ))}
    </div>
  );
}
