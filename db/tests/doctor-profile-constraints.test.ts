import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { violatedConstraint } from "@/lib/shared/pg-errors";
import type { Db } from "../client";
import { createTestDatabase } from "../testing/test-db";
import { clinics, doctorPhotos, doctors, specialties } from "../schema";

/* The doctor profile's invariants (migration 0013), proven by writing rows the services would refuse. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let doctorId = "";
beforeAll(async () => {
  database = await createTestDatabase({ checkInvariants: false });
  db = database.db;
  const [clinic] = await db.insert(clinics).values({ name: "کلینیک آزمون", city: "همدان", address: "همدان" }).returning();
  const [specialty] = await db.insert(specialties).values({ name: "داخلی" }).returning();
  const base = { clinicId: clinic!.id, specialtyId: specialty!.id, title: "", visitFeeRial: 10, chatFeeRial: 10 };
  const [a] = await db
    .insert(doctors)
    .values({ ...base, name: "دکتر الف", councilNumber: "123456" })
    .returning();
  await db.insert(doctors).values({ ...base, name: "دکتر ب" });
  doctorId = a!.id;
});
afterAll(() => database.close());

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return violatedConstraint(error);
  }
  return "no violation";
};
const setDoctor = (values: Partial<typeof doctors.$inferInsert>) => db.update(doctors).set(values).where(eq(doctors.id, doctorId));

describe("doctor profile constraints", () => {
  it("council numbers are Latin digits, 3 to 8 of them, one doctor each", async () => {
    expect(await failure(setDoctor({ councilNumber: "۱۲۳۴۵۶" }))).toBe("doctors_council_number_digits");
    expect(await failure(setDoctor({ councilNumber: "12" }))).toBe("doctors_council_number_digits");
    expect(await failure(setDoctor({ councilNumber: "12a456" }))).toBe("doctors_council_number_digits");
    expect(await failure(db.update(doctors).set({ councilNumber: "123456" }).where(eq(doctors.name, "دکتر ب")))).toBe(
      "doctors_council_number_unique",
    );
  });

  it("bounded texts and lists, and a photo that exists", async () => {
    expect(await failure(setDoctor({ name: "" }))).toBe("doctors_profile_lengths");
    expect(await failure(setDoctor({ education: "x".repeat(1001) }))).toBe("doctors_profile_lengths");
    expect(await failure(setDoctor({ languages: Array.from({ length: 11 }, (_, i) => `l${i}`) }))).toBe("doctors_lists_size");
    expect(await failure(setDoctor({ photoSha256: "a".repeat(64) }))).toBe("doctors_photo_sha256_doctor_photos_sha256_fk");
  });

  it("photos are keyed by a SHA-256 and hold three non-empty sizes", async () => {
    const bytes = Buffer.from("x");
    expect(await failure(db.insert(doctorPhotos).values({ sha256: "not-a-hash", small: bytes, medium: bytes, large: bytes }))).toBe(
      "doctor_photos_sha256_hex",
    );
    expect(
      await failure(db.insert(doctorPhotos).values({ sha256: "b".repeat(64), small: Buffer.alloc(0), medium: bytes, large: bytes })),
    ).toBe("doctor_photos_sizes");
  });
});
