import { connection } from "next/server";
import { DoctorCard } from "@/components/doctors/doctor-card";
import { db } from "@/db/client";
import { listDoctors } from "@/lib/directory/doctor-directory";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory;

export default async function HomePage() {
  await connection();
  const doctors = await listDoctors(db());
  return (
    <div className="stack">
      <section>
        <h1>{t.homeTitle}</h1>
        <p className="muted">{t.homeLead}</p>
      </section>
      <section aria-labelledby="doctors-heading" className="stack">
        <h2 id="doctors-heading">{t.doctorsTitle}</h2>
        {doctors.length === 0 ? (
          <p>{t.noDoctors}</p>
        ) : (
          <div className="grid">
            {doctors.map((doctor) => (
              <DoctorCard key={doctor.id} doctor={doctor} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
