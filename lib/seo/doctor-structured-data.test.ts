import { describe, expect, it } from "vitest";
import type { DoctorProfile } from "@/lib/directory/doctor-directory";
import { doctorJsonLd, jsonLdScript } from "./doctor-structured-data";

const doctor = {
  id: "5f0c8f7e-2f43-4a5e-9d54-0d6c1f1f1a11",
  name: "دکتر مریم کریمی",
  title: "متخصص زنان و زایمان",
  bio: "",
  specialty: "زنان و زایمان",
  clinic: { name: "کلینیک بوعلی", city: "همدان", address: "خیابان بوعلی", phone: "08132500000" },
  visitFeeRial: 3_000_000,
  chatFeeRial: 1_000_000,
  takesChat: true,
  chatAnswerHours: 24,
} as unknown as DoctorProfile;

describe("doctor JSON-LD", () => {
  it("names the Physician, the MedicalClinic they work at, and no rating before any review", () => {
    const data = doctorJsonLd(doctor, { count: 0, overall: null });
    expect(data).toMatchObject({ "@type": "Physician", name: doctor.name, worksFor: { "@type": "MedicalClinic", name: "کلینیک بوعلی" } });
    expect(data).not.toHaveProperty("aggregateRating");
  });

  it("carries an AggregateRating of the visible reviews once there are some", () => {
    expect(doctorJsonLd(doctor, { count: 3, overall: 4.666 })).toMatchObject({
      aggregateRating: { "@type": "AggregateRating", ratingValue: 4.7, reviewCount: 3, bestRating: 5, worstRating: 1 },
    });
  });

  it("cannot close its script tag, whatever a name or bio holds", () => {
    const script = jsonLdScript(doctorJsonLd({ ...doctor, bio: "</script><script>alert(1)</script>" }));
    expect(script).not.toContain("</script>");
    expect(JSON.parse(script).description).toBe("</script><script>alert(1)</script>");
  });
});
