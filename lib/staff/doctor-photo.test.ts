import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-db";
import { auditLog, clinics, doctorPhotos, doctors, users } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { pngWithAlpha, windowsExecutable } from "@/lib/chat/testing/chat-files";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { doctorProfile } from "@/lib/directory/doctor-directory";
import { doctorPhotoBytes } from "@/lib/directory/doctor-photo-bytes";
import { PHOTO_MAX_BYTES } from "@/lib/directory/doctor-photos";
import { prepareDoctorPhoto, setDoctorPhoto } from "./doctor-photo";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const actor = async (phone: string): Promise<Actor> => {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
};
const doctorOf = async (clinicName: string) => {
  const [row] = await db()
    .select({ id: doctors.id })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(clinics.name, clinicName))
    .limit(1);
  return row!.id;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db());
});
afterAll(() => database.close());

describe("doctor photo checks", () => {
  it("re-encodes a real PNG to three WebP squares without metadata", async () => {
    const prepared = await prepareDoctorPhoto(await pngWithAlpha());
    if (!prepared.ok) throw new Error(prepared.error.code);
    for (const [bytes, side] of [
      [prepared.value.small, 96],
      [prepared.value.medium, 256],
      [prepared.value.large, 512],
    ] as const) {
      expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
      expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: side, height: side });
      expect(meta.exif).toBeUndefined();
    }
    expect(prepared.value.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a renamed executable, zero bytes, a file over 5 MB and a corrupt image", async () => {
    expect(await prepareDoctorPhoto(windowsExecutable())).toEqual({ ok: false, error: { code: "unsupported_type" } });
    expect(await prepareDoctorPhoto(Buffer.alloc(0))).toEqual({ ok: false, error: { code: "empty" } });
    const big = Buffer.concat([await pngWithAlpha(), Buffer.alloc(PHOTO_MAX_BYTES)]);
    expect(await prepareDoctorPhoto(big)).toEqual({ ok: false, error: { code: "too_big" } });
    const png = await pngWithAlpha();
    const truncated = png.subarray(0, Math.floor(png.length / 2));
    expect(await prepareDoctorPhoto(truncated)).toEqual({ ok: false, error: { code: "broken_image" } });
    const forged = Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(2000, 0x41)]);
    expect(await prepareDoctorPhoto(forged)).toEqual({ ok: false, error: { code: "broken_image" } });
  });
});

describe("setting a doctor's photo", () => {
  it("a clinic admin sets the photo of their clinic's doctor: stored once by hash, served by size, audited", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const doctorId = await doctorOf("درمانگاه تخصصی بوعلی");
    const prepared = await prepareDoctorPhoto(await pngWithAlpha());
    if (!prepared.ok) throw new Error(prepared.error.code);
    expect(await setDoctorPhoto(db(), admin, { doctorId, photo: prepared.value })).toEqual({
      ok: true,
      value: { sha256: prepared.value.sha256 },
    });
    // The same picture again (another doctor, or a second upload) stores no second copy.
    const second = await doctorOf("درمانگاه تخصصی بوعلی");
    expect((await setDoctorPhoto(db(), admin, { doctorId: second, photo: prepared.value })).ok).toBe(true);
    expect(await db().select({ sha256: doctorPhotos.sha256 }).from(doctorPhotos)).toHaveLength(1);
    expect((await doctorProfile(db(), doctorId))!.photoSha256).toBe(prepared.value.sha256);
    expect(await doctorPhotoBytes(db(), prepared.value.sha256, "small")).toEqual(prepared.value.small);
    expect(await doctorPhotoBytes(db(), "0".repeat(64), "small")).toBeNull();
    expect(await doctorPhotoBytes(db(), "not-a-hash", "large")).toBeNull();
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, "doctor.photo"));
    expect(audits[0]).toMatchObject({ subjectId: doctorId, after: { photo: prepared.value.sha256 } });
  });

  it("another clinic's doctor reads as missing; receptionists, doctors and patients are refused; nothing is stored", async () => {
    const before = await db().select({ sha256: doctorPhotos.sha256 }).from(doctorPhotos);
    const other = await doctorOf("کلینیک اکباتان");
    const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#00ff00" } })
      .jpeg()
      .toBuffer();
    const prepared = await prepareDoctorPhoto(photo);
    if (!prepared.ok) throw new Error(prepared.error.code);
    expect(await setDoctorPhoto(db(), await actor(DEMO_PHONES.clinicAdmin), { doctorId: other, photo: prepared.value })).toEqual({
      ok: false,
      error: { code: "doctor_not_found" },
    });
    for (const phone of [DEMO_PHONES.ekbatanStaff, DEMO_PHONES.doctor, DEMO_PHONES.patientWithBalance]) {
      await expect(setDoctorPhoto(db(), await actor(phone), { doctorId: other, photo: prepared.value })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await db().select({ sha256: doctorPhotos.sha256 }).from(doctorPhotos)).toEqual(before);
    // The platform admin may set any clinic's.
    expect((await setDoctorPhoto(db(), await actor(DEMO_PHONES.admin), { doctorId: other, photo: prepared.value })).ok).toBe(true);
  });
});
