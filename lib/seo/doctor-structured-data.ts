import type { DoctorProfile } from "@/lib/directory/doctor-directory";
import { absoluteUrl, doctorPath } from "./site-urls";

/** The reviews behind a doctor's rating: every one from a paid, attended visit (lib/reviews). */
export type RatingSummary = { count: number; overall: number | null };

/** schema.org JSON-LD for a doctor page: the `Physician` works at a `MedicalClinic` (address, phone) and is
 * bookable at this URL, with an `AggregateRating` once patients have reviewed their visits. Fees are stored in
 * Rial; schema.org wants the ISO currency, which is IRR. */
export function doctorJsonLd(doctor: DoctorProfile, rating?: RatingSummary) {
  const url = absoluteUrl(doctorPath(doctor.id));
  return {
    "@context": "https://schema.org",
    "@type": "Physician",
    "@id": url,
    url,
    name: doctor.name,
    description: doctor.bio || doctor.title,
    medicalSpecialty: doctor.specialty,
    priceRange: `${doctor.visitFeeRial} IRR`,
    address: { "@type": "PostalAddress", streetAddress: doctor.clinic.address, addressLocality: doctor.clinic.city, addressCountry: "IR" },
    ...(doctor.clinic.phone ? { telephone: doctor.clinic.phone } : {}),
    ...(rating && rating.count > 0 && rating.overall !== null
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: Math.round(rating.overall * 10) / 10,
            reviewCount: rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
    worksFor: {
      "@type": "MedicalClinic",
      name: doctor.clinic.name,
      address: {
        "@type": "PostalAddress",
        streetAddress: doctor.clinic.address,
        addressLocality: doctor.clinic.city,
        addressCountry: "IR",
      },
      ...(doctor.clinic.phone ? { telephone: doctor.clinic.phone } : {}),
    },
  };
}

/** JSON for a <script type="application/ld+json">: `<` escaped so a name or bio can never close the script. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
