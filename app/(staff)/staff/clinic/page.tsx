import type { Metadata } from "next";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { mapLink } from "@/lib/directory/map-link";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { clinicsToManage } from "@/lib/staff/clinic-details";
import { updateClinicAction } from "./actions";

const t = messages.staff.clinic;

export const metadata: Metadata = { title: t.title };

const coordinate = (value: number | null) => (value === null ? "" : persianNumber(String(value)));

/** Clinic admins: the address, phone, hours and map position patients see on the doctor pages. */
export default async function ClinicDetailsPage() {
  const user = await requireStaff("/staff/clinic", "clinic_admin");
  const clinics = await clinicsToManage(db(), user);
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      {clinics.map((clinic) => (
        <section key={clinic.id} className="card stack" aria-labelledby={`clinic-${clinic.id}`} data-testid="clinic-details">
          <h2 id={`clinic-${clinic.id}`}>{clinic.name}</h2>
          {clinic.latitude !== null && clinic.longitude !== null ? (
            <a href={mapLink(clinic.latitude, clinic.longitude)} target="_blank" rel="noopener noreferrer">
              {t.onMap}
            </a>
          ) : null}
          <StaffActionForm action={updateClinicAction} hidden={{ clinicId: clinic.id }} submitLabel={t.save}>
            <div className="field">
              <label htmlFor={`address-${clinic.id}`}>{t.address}</label>
              <input id={`address-${clinic.id}`} name="address" className="input" defaultValue={clinic.address} required maxLength={500} />
            </div>
            <div className="field">
              <label htmlFor={`phone-${clinic.id}`}>{t.phone}</label>
              <input
                id={`phone-${clinic.id}`}
                name="phone"
                className="input ltr"
                inputMode="tel"
                defaultValue={persianNumber(clinic.phone ?? "")}
                maxLength={40}
              />
            </div>
            <div className="field">
              <label htmlFor={`hours-${clinic.id}`}>{t.hours}</label>
              <input
                id={`hours-${clinic.id}`}
                name="hours"
                className="input"
                defaultValue={clinic.hours}
                placeholder={t.hoursHint}
                maxLength={300}
              />
            </div>
            <div className="row">
              <div className="field">
                <label htmlFor={`lat-${clinic.id}`}>{t.latitude}</label>
                <input
                  id={`lat-${clinic.id}`}
                  name="latitude"
                  className="input ltr"
                  inputMode="decimal"
                  defaultValue={coordinate(clinic.latitude)}
                  maxLength={40}
                />
              </div>
              <div className="field">
                <label htmlFor={`lng-${clinic.id}`}>{t.longitude}</label>
                <input
                  id={`lng-${clinic.id}`}
                  name="longitude"
                  className="input ltr"
                  inputMode="decimal"
                  defaultValue={coordinate(clinic.longitude)}
                  maxLength={40}
                />
              </div>
            </div>
            <p className="hint">{t.coordinatesHint}</p>
          </StaffActionForm>
        </section>
      ))}
    </div>
  );
}
