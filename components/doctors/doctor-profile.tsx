import Link from "next/link";
import type { DoctorProfile } from "@/lib/directory/doctor-directory";
import { mapLink } from "@/lib/directory/map-link";
import { DoctorPhoto } from "./doctor-photo";
import { StickyJumpButton } from "./sticky-jump-button";
import { formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory;
const p = messages.clinicAdmin.profile;

/** Who the doctor is, in a few lines: above the free times, which are what most visitors came for. */
export function DoctorProfileCard({ doctor }: { doctor: DoctorProfile }) {
  return (
    <article className="card stack doctor-profile" aria-labelledby="doctor-name">
      <div className="doctor-head">
        <DoctorPhoto sha256={doctor.photoSha256} name={doctor.name} size="medium" shown={112} />
        <div>
          <h1 id="doctor-name">{doctor.name}</h1>
          <p className="muted">{doctor.title}</p>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>{t.visitFee}</dt>
          <dd className="amount">{formatToman(doctor.visitFeeRial)}</dd>
        </div>
      </dl>
    </article>
  );
}

/** The rest of the profile — biography, credentials, the clinic's address, hours and phone — after the free
 * times (issue 15 §3: on a phone a long profile must not push them off the first screens). */
export function DoctorAboutCard({ doctor }: { doctor: DoctorProfile }) {
  const { clinic } = doctor;
  return (
    <section className="card stack doctor-about" aria-labelledby="doctor-about-heading">
      <h2 id="doctor-about-heading">{t.profile.aboutHeading}</h2>
      {doctor.bio ? <p>{doctor.bio}</p> : null}
      <dl className="facts">
        {doctor.councilNumber ? (
          <div>
            <dt>{p.councilNumber}</dt>
            <dd data-testid="council-number">{persianNumber(doctor.councilNumber)}</dd>
          </div>
        ) : null}
        {doctor.education ? (
          <div>
            <dt>{p.education}</dt>
            <dd>{doctor.education}</dd>
          </div>
        ) : null}
        {doctor.languages.length > 0 ? (
          <div>
            <dt>{p.languages}</dt>
            <dd data-testid="doctor-languages">{doctor.languages.join("، ")}</dd>
          </div>
        ) : null}
        {doctor.insurances.length > 0 ? (
          <div>
            <dt>{p.insurances}</dt>
            <dd data-testid="doctor-insurances">{doctor.insurances.join("، ")}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.profile.clinicHeading}</dt>
          <dd>
            {clinic.name}
            <br />
            <address>{clinic.address}</address>
            {clinic.latitude !== null && clinic.longitude !== null ? (
              <a href={mapLink(clinic.latitude, clinic.longitude)} target="_blank" rel="noopener noreferrer" data-testid="clinic-map">
                {messages.staff.clinic.onMap}
              </a>
            ) : null}
          </dd>
        </div>
        {clinic.hours ? (
          <div>
            <dt>{messages.staff.clinic.hours}</dt>
            <dd>{persianNumber(clinic.hours)}</dd>
          </div>
        ) : null}
        {clinic.phone ? (
          <div>
            <dt>{t.profile.phone}</dt>
            <dd>
              <a href={`tel:${clinic.phone}`} dir="ltr">
                {persianNumber(clinic.phone)}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** On a phone, once the visitor has scrolled past the free times (or the waitlist when nothing is free), a
 * button that stays at the bottom of the screen and leads back to them. */
export function StickyBookButton({ hasFreeTime }: { hasFreeTime: boolean }) {
  return (
    <StickyJumpButton
      targetId={hasFreeTime ? "slots-heading" : "waitlist"}
      label={hasFreeTime ? t.profile.stickyBook : t.profile.stickyWaitlist}
    />
  );
}

/** The paid text consultation, for doctors who take it. */
export function DoctorChatCard({ doctor }: { doctor: DoctorProfile }) {
  if (!doctor.takesChat) return null;
  return (
    <section className="card stack doctor-chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">{t.profile.chatHeading}</h2>
      <p>{t.profile.chatLead(doctor.chatAnswerHours)}</p>
      <dl className="facts">
        <div>
          <dt>{t.chatFee}</dt>
          <dd className="amount">{formatToman(doctor.chatFeeRial)}</dd>
        </div>
        <div>
          <dt>{t.profile.chatAnswerDeadline}</dt>
          <dd>{t.profile.hours(doctor.chatAnswerHours)}</dd>
        </div>
      </dl>
      <div>
        <Link href={`/doctors/${doctor.id}/chat`} className="button">
          {t.profile.askQuestion}
        </Link>
      </div>
    </section>
  );
}
