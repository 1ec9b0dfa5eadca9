import type { DoctorProfile } from "@/lib/directory/doctor-directory";
import { absoluteUrl, doctorPath } from "./site-urls";

/** schema.org JSON-LD for a doctor page: the `Physician` works at a `MedicalClinic` (address, phone) and is
 * bookable at this URL. Fees are stored in Rial; schema.org wants the ISO currency, which is IRR. */
export function doctorJsonLd(doctor: DoctorProfile) {
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
    worksFor: {
      "@type": "MedicalClinic",
      name: doctor.clinic.name,
      address: { "@type": "PostalAddress", streetAddress: doctor.clinic.address, addressLocality: doctor.clinic.city, addressCountry: "IR" },
      ...(doctor.clinic.phone ? { telephone: doctor.clinic.phone } : {}),
    },
  };
}

/** JSON for a <script type="application/ld+json">: `<` escaped so a name or bio can never close the script. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
