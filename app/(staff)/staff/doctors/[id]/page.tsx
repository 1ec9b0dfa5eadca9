import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DoctorPhoto } from "@/components/doctors/doctor-photo";
import { DoctorForm } from "@/components/staff/doctor-form";
import { DoctorPhotoUpload } from "@/components/staff/doctor-photo-upload";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { doctorFormChoices, doctorToManage } from "@/lib/staff/doctor-admin";
import { updateDoctorAction } from "../actions";

const t = messages.clinicAdmin.doctors;

export const metadata: Metadata = { title: t.heading };

/** Clinic admins: one doctor of their clinics — profile, fees, account and photo. Another clinic's doctor is
 * "not found", like a missing one. */
export default async function StaffDoctorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  const user = await requireStaff(`/staff/doctors/${id}`, "clinic_admin");
  if (!z.uuid().safeParse(id).success) notFound();
  const [doctor, choices] = await Promise.all([doctorToManage(db(), user, id), doctorFormChoices(db(), user)]);
  if (!doctor) notFound();
  const created = (await searchParams).created === "1";
  return (
    <div className="stack">
      <p>
        <Link href="/staff/doctors">{t.back}</Link>
      </p>
      <h1>{t.editTitle(doctor.name)}</h1>
      {created ? (
        <p className="alert success" role="status">
          {t.created}
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="doctor-photo-heading">
        <h2 id="doctor-photo-heading">{t.photo}</h2>
        <div className="doctor-head">
          {doctor.photoSha256 ? (
            <DoctorPhoto sha256={doctor.photoSha256} name={doctor.name} size="medium" shown={128} />
          ) : (
            <p className="muted">{t.noPhoto}</p>
          )}
        </div>
        <DoctorPhotoUpload doctorId={doctor.id} />
      </section>
      <section className="card stack" aria-labelledby="doctor-profile-heading">
        <h2 id="doctor-profile-heading">{doctor.clinicName}</h2>
        <DoctorForm
          action={updateDoctorAction}
          hidden={{ doctorId: doctor.id }}
          values={doctor}
          specialties={choices.specialties}
          submitLabel={t.save}
        />
        <p>
          <Link href={`/doctors/${doctor.id}`}>{t.viewPage}</Link>
        </p>
      </section>
    </div>
  );
}
