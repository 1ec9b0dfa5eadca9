import type { Metadata } from "next";
import Link from "next/link";
import { DoctorPhoto } from "@/components/doctors/doctor-photo";
import { DoctorForm } from "@/components/staff/doctor-form";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { doctorFormChoices, doctorsToManage } from "@/lib/staff/doctor-admin";
import { createDoctorAction } from "./actions";

const t = messages.clinicAdmin.doctors;

export const metadata: Metadata = { title: t.heading };

/** Clinic admins: their clinics' doctors, and a form to add one. */
export default async function StaffDoctorsPage() {
  const user = await requireStaff("/staff/doctors", "clinic_admin");
  const [doctors, choices] = await Promise.all([doctorsToManage(db(), user), doctorFormChoices(db(), user)]);
  return (
    <div className="stack">
      <h1>{t.heading}</h1>
      <p className="muted">{t.lead}</p>
      {doctors.length === 0 ? <p className="muted">{t.none}</p> : null}
      <ul className="stack plain-list">
        {doctors.map((d) => (
          <li key={d.id} className="card doctor-head" data-testid="managed-doctor">
            <DoctorPhoto sha256={d.photoSha256} name={d.name} size="small" shown={48} />
            <div className="stack snug fill">
              <strong>{d.name}</strong>
              <span className="muted">
                {d.specialty} · {d.clinicName} · {t.councilNumber}: {d.councilNumber ? persianNumber(d.councilNumber) : "—"}
              </span>
              <span className="muted">
                {t.visitFee}: <span className="amount">{formatToman(d.visitFeeRial)}</span>
              </span>
            </div>
            <Link className="button secondary" href={`/staff/doctors/${d.id}`}>
              {t.edit}
            </Link>
          </li>
        ))}
      </ul>
      <section className="card stack" aria-labelledby="add-doctor">
        <h2 id="add-doctor">{t.addTitle}</h2>
        <DoctorForm action={createDoctorAction} specialties={choices.specialties} clinics={choices.clinics} submitLabel={t.add} />
      </section>
    </div>
  );
}
