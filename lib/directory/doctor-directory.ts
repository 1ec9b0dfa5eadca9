import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, reservations, specialties, timeSlots } from "@/db/schema";
import { normalizePersian } from "@/lib/i18n/normalize";

export type DoctorSummary = {
  id: string;
  name: string;
  title: string;
  specialty: string;
  clinic: string;
  city: string;
  visitFeeRial: number;
  chatFeeRial: number;
  takesChat: boolean;
  nextFreeAt: Date | null;
  /** Average overall rating of the doctor's visible reviews, null without any. */
  rating: number | null;
  reviewCount: number;
  languages: string[];
  insurances: string[];
  photoSha256: string | null;
};

export type DoctorProfile = {
  id: string;
  name: string;
  title: string;
  bio: string;
  specialty: string;
  clinic: {
    name: string;
    city: string;
    address: string;
    phone: string | null;
    hours: string;
    latitude: number | null;
    longitude: number | null;
  };
  visitFeeRial: number;
  chatFeeRial: number;
  takesChat: boolean;
  chatAnswerHours: number;
  education: string;
  languages: string[];
  insurances: string[];
  councilNumber: string | null;
  photoSha256: string | null;
};

export type Facet = { id: string; name: string };
export type DirectoryFacets = { specialties: Facet[]; clinics: Facet[] };

export { doctorIdSchema } from "./doctor-id";

/** What `doctors.search_text` holds: the words a patient may search a doctor by (name, specialty, clinic, and
 * the insurers and languages a patient looks for: "تأمین اجتماعی", "ترکی"), folded like their query. */
export function doctorSearchText(doctor: {
  name: string;
  specialty: string;
  clinic: string;
  languages?: readonly string[];
  insurances?: readonly string[];
}): string {
  return normalizePersian(
    [doctor.name, doctor.specialty, doctor.clinic, ...(doctor.insurances ?? []), ...(doctor.languages ?? [])].join(" "),
  );
}

/** A slot a patient can book: open, in the future, and without a live reservation. */
export const slotIsFree = (now: Date) =>
  and(
    eq(timeSlots.status, "open"),
    gt(timeSlots.startsAt, now),
    sql`not exists (select 1 from ${reservations} r where r.slot_id = ${timeSlots.id} and r.status <> 'cancelled')`,
  );

export async function doctorProfile(db: Db, doctorId: string): Promise<DoctorProfile | null> {
  const [row] = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      title: doctors.title,
      bio: doctors.bio,
      specialty: specialties.name,
      clinic: {
        name: clinics.name,
        city: clinics.city,
        address: clinics.address,
        phone: clinics.phone,
        hours: clinics.hours,
        latitude: clinics.latitude,
        longitude: clinics.longitude,
      },
      visitFeeRial: doctors.visitFeeRial,
      chatFeeRial: doctors.chatFeeRial,
      takesChat: doctors.takesChat,
      chatAnswerHours: doctors.chatAnswerHours,
      education: doctors.education,
      languages: doctors.languages,
      insurances: doctors.insurances,
      councilNumber: doctors.councilNumber,
      photoSha256: doctors.photoSha256,
    })
    .from(doctors)
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(doctors.id, doctorId));
  return row ?? null;
}

// Postgres orders by code point, which puts پ چ ژ گ after ی; Intl knows the Persian alphabet.
const persianOrder = new Intl.Collator("fa");
const byName = (a: Facet, b: Facet) => persianOrder.compare(a.name, b.name);

/** The choices of the directory's specialty and clinic filters. */
export async function directoryFacets(db: Db): Promise<DirectoryFacets> {
  const [specialtyRows, clinicRows] = await Promise.all([
    db.select({ id: specialties.id, name: specialties.name }).from(specialties),
    db.select({ id: clinics.id, name: clinics.name }).from(clinics),
  ]);
  return { specialties: specialtyRows.sort(byName), clinics: clinicRows.sort(byName) };
}

/** Every doctor page, for the sitemap: newest first, so a crawler that stops early still has the new ones. */
export async function doctorSitemapEntries(db: Db): Promise<{ id: string; createdAt: Date }[]> {
  return db
    .select({ id: doctors.id, createdAt: doctors.createdAt })
    .from(doctors)
    .orderBy(sql`${doctors.createdAt} desc`);
}
