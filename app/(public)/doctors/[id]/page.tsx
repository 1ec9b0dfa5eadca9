import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DoctorAboutCard, DoctorChatCard, DoctorProfileCard, StickyBookButton } from "@/components/doctors/doctor-profile";
import { DoctorReviews } from "@/components/doctors/doctor-reviews";
import { SlotCalendar } from "@/components/doctors/slot-calendar";
import { WaitlistCard } from "@/components/waitlist/waitlist-card";
import { database, db } from "@/db/client";
import { slotDaysJson } from "@/lib/directory/doctor-slots";
import { publicReads } from "@/lib/public-cache/public-reads";
import { messages } from "@/lib/i18n/messages";
import { doctorJsonLd, jsonLdScript } from "@/lib/seo/doctor-structured-data";
import { doctorPath } from "@/lib/seo/site-urls";
import { loadDoctor } from "./load-doctor";
import { currentUser } from "@/lib/auth/current-user";
import { myWaitlist, waitlistDays } from "@/lib/waitlist/waitlist";
import { joinWaitlistAction, leaveWaitlistAction } from "@/app/actions/waitlist";

const t = messages.directory;

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const doctor = await loadDoctor((await params).id);
  if (!doctor) return { title: t.profile.notFoundTitle, robots: { index: false } };
  const path = doctorPath(doctor.id);
  const title = `${doctor.name}، ${doctor.specialty}`;
  const description = messages.seo.doctorDescription({
    name: doctor.name,
    specialty: doctor.specialty,
    clinic: doctor.clinic.name,
    city: doctor.clinic.city,
  });
  const image = { url: `${path}/preview.png`, width: 1200, height: 630, alt: messages.seo.doctorImageAlt(doctor.name) };
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: { type: "profile", url: path, title, description, images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

export default async function DoctorPage({ params }: Props) {
  const doctor = await loadDoctor((await params).id);
  if (!doctor) notFound();
  // The signed-in patient's place on this doctor's waitlist is read beside the slots, not after them.
  const visitor = currentUser().then(async (user) => ({
    user,
    waiting: user ? ((await myWaitlist(db(), user.userId, doctor.id))[0] ?? null) : null,
  }));
  const reads = publicReads(database());
  const [days, reviews, { user, waiting }] = await Promise.all([reads.freeSlots(doctor.id), reads.reviews(doctor.id), visitor]);
  if (!days) notFound();
  return (
    <div className="stack">
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{
          __html: jsonLdScript(doctorJsonLd(doctor, { count: reviews.count, overall: reviews.averages?.overall ?? null })),
        }}
      />
      <p>
        <Link href="/doctors">{t.profile.backToSearch}</Link>
      </p>
      <div className="doctor-page">
        <DoctorProfileCard doctor={doctor} />
        {/* Right after who the doctor is, before the consultation offer: booking is what most visitors came for. */}
        <section aria-labelledby="slots-heading" className="stack doctor-slots">
          <h2 id="slots-heading">{t.slots.heading}</h2>
          <SlotCalendar doctorId={doctor.id} initialData={slotDaysJson(days)} />
        </section>
        <WaitlistCard
          doctorId={doctor.id}
          noFreeTime={days.every((day) => day.slots.length === 0)}
          signInHref={user ? null : `/login?next=${encodeURIComponent(doctorPath(doctor.id))}`}
          entry={waiting ?? null}
          days={waitlistDays(new Date())}
          joinAction={joinWaitlistAction}
          leaveAction={leaveWaitlistAction}
        />
        <DoctorAboutCard doctor={doctor} />
        <DoctorChatCard doctor={doctor} />
        <DoctorReviews summary={reviews} />
      </div>
      <StickyBookButton hasFreeTime={days.some((day) => day.slots.length > 0)} />
    </div>
  );
}
