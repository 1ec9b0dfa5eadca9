import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { DoctorChatCard, DoctorProfileCard } from "@/components/doctors/doctor-profile";
import { DoctorReviews } from "@/components/doctors/doctor-reviews";
import { SlotCalendar } from "@/components/doctors/slot-calendar";
import { db } from "@/db/client";
import { doctorIdSchema, doctorProfile } from "@/lib/directory/doctor-directory";
import { doctorFreeSlots, slotDaysJson } from "@/lib/directory/doctor-slots";
import { messages } from "@/lib/i18n/messages";
import { doctorReviews } from "@/lib/reviews/reviews";

const t = messages.directory;

type Props = { params: Promise<{ id: string }> };

// Shared by generateMetadata and the page within one request.
const loadDoctor = cache(async (id: string) => {
  await connection();
  const parsed = doctorIdSchema.safeParse(id);
  return parsed.success ? doctorProfile(db(), parsed.data) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const doctor = await loadDoctor((await params).id);
  return { title: doctor?.name ?? t.profile.notFoundTitle };
}

export default async function DoctorPage({ params }: Props) {
  const doctor = await loadDoctor((await params).id);
  if (!doctor) notFound();
  const [days, reviews] = await Promise.all([doctorFreeSlots(db(), { doctorId: doctor.id }), doctorReviews(db(), doctor.id)]);
  if (!days) notFound();
  return (
    <div className="stack">
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
        <DoctorChatCard doctor={doctor} />
        <DoctorReviews summary={reviews} />
      </div>
    </div>
  );
}
