import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { myAppointments, type Appointment } from "@/lib/booking/my-appointments";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.appointments;

export const metadata: Metadata = { title: t.title };

function AppointmentList({ items }: { items: Appointment[] }) {
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {items.map((a) => (
        <li key={a.id} className="card" data-testid="appointment">
          <p>
            <strong>
              <Link href={`/doctors/${a.doctorId}`}>{a.doctorName}</Link>
            </strong>{" "}
            <span className="badge">{t.status[a.status]}</span>
          </p>
          <p className="muted">
            {formatJalaliDateTime(a.startsAt)} · {a.clinicName} · <span className="amount">{formatToman(a.amountRial)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export default async function AppointmentsPage() {
  const user = await requireUser("/appointments");
  const all = await myAppointments(db(), user.userId);
  const now = new Date();
  const upcoming = all.filter((a) => a.status === "confirmed" && a.startsAt > now).reverse();
  const rest = all.filter((a) => !upcoming.includes(a));
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      {all.length === 0 ? (
        <p>
          {t.none} <Link href="/doctors">{t.findDoctor}</Link>
        </p>
      ) : (
        <>
          <section className="stack" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{t.upcoming}</h2>
            {upcoming.length ? <AppointmentList items={upcoming} /> : <p className="muted">{t.none}</p>}
          </section>
          {rest.length ? (
            <section className="stack" aria-labelledby="past-heading">
              <h2 id="past-heading">{t.past}</h2>
              <AppointmentList items={rest} />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
