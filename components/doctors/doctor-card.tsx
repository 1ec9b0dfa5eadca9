import Link from "next/link";
import type { DoctorSummary } from "@/lib/directory/doctor-directory";
import { DoctorPhoto } from "./doctor-photo";
import { formatJalaliShortDate, formatTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory;

export function DoctorCard({ doctor }: { doctor: DoctorSummary }) {
  return (
    <article className="card doctor-card" aria-labelledby={`doctor-${doctor.id}`}>
      <div className="doctor-head">
        <DoctorPhoto sha256={doctor.photoSha256} name={doctor.name} size="small" shown={56} />
        <div>
          <h3 id={`doctor-${doctor.id}`}>
            <Link href={`/doctors/${doctor.id}`}>{doctor.name}</Link>
          </h3>
          <p className="meta">
            {doctor.specialty} · {doctor.clinic}، {doctor.city}
          </p>
        </div>
      </div>
      {doctor.rating !== null ? (
        <p className="rating" data-testid="card-rating">
          {messages.reviews.cardRating(messages.reviews.average(doctor.rating), doctor.reviewCount)}
        </p>
      ) : null}
      <p>
        {t.visitFee}: <span className="amount">{formatToman(doctor.visitFeeRial)}</span>
      </p>
      <p className={doctor.nextFreeAt ? "next-free" : "meta"}>
        {doctor.nextFreeAt ? t.nextFree(`${formatJalaliShortDate(doctor.nextFreeAt)} ${formatTime(doctor.nextFreeAt)}`) : t.noFreeTime}
      </p>
      {doctor.insurances.length > 0 ? (
        <p className="doctor-tags" data-testid="card-insurances">
          {messages.clinicAdmin.profile.insurances}: {doctor.insurances.join("، ")}
        </p>
      ) : null}
      {doctor.languages.length > 0 ? (
        <p className="doctor-tags" data-testid="card-languages">
          {messages.clinicAdmin.profile.languages}: {doctor.languages.join("، ")}
        </p>
      ) : null}
      {doctor.takesChat ? <span className="badge">{t.takesChat(formatToman(doctor.chatFeeRial))}</span> : null}
    </article>
  );
}
