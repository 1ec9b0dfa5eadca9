import { and, eq } from "drizzle-orm";
import type { Sharp } from "sharp";
import type { Db } from "@/db/client";
import { doctorPhotos, doctors } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { recordAudit } from "@/lib/audit/audit";
import { PHOTO_MAX_BYTES, PHOTO_SIZES } from "@/lib/directory/doctor-photos";
import { reencodeImage, sha256Of, sniffImageType } from "@/lib/shared/image-bytes";
import { err, ok, type Result } from "@/lib/shared/result";

export type PhotoError = { code: "empty" } | { code: "too_big" } | { code: "unsupported_type" } | { code: "broken_image" };
export type PreparedPhoto = { sha256: string; small: Buffer; medium: Buffer; large: Buffer };

/** A doctor's photo is decided by its bytes: JPEG, PNG or WebP that sharp can decode, at most 5 MB; it is
 * cropped to a centred square and re-encoded to small WebP files (no metadata survives). HEIC is refused like
 * any other type: the shipped sharp cannot decode it. */
export async function prepareDoctorPhoto(bytes: Buffer): Promise<Result<PreparedPhoto, PhotoError>> {
  if (bytes.length === 0) return err({ code: "empty" });
  if (bytes.length > PHOTO_MAX_BYTES) return err({ code: "too_big" });
  const type = sniffImageType(bytes);
  if (type === null || type === "heif") return err({ code: "unsupported_type" });
  const square = (side: number) => (decoded: Sharp) =>
    decoded.resize(side, side, { fit: "cover", position: "attention" }).webp({ quality: side > 200 ? 80 : 75 });
  const encoded = await reencodeImage(bytes, [square(PHOTO_SIZES.small), square(PHOTO_SIZES.medium), square(PHOTO_SIZES.large)]);
  if (!encoded) return err({ code: "broken_image" });
  const [small, medium, large] = encoded as [Buffer, Buffer, Buffer];
  return ok({ sha256: sha256Of(large), small, medium, large });
}

/** Sets the photo of a doctor of the caller's clinics (clinic admin, or the platform admin); audited. Another
 * clinic's doctor reads as missing. The bytes are stored once per content. */
export async function setDoctorPhoto(
  db: Db,
  actor: Actor | null,
  input: { doctorId: string; photo: PreparedPhoto },
): Promise<Result<{ sha256: string }, { code: "doctor_not_found" }>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor, "clinic_admin");
  const { photo } = input;
  return db.transaction(async (tx): Promise<Result<{ sha256: string }, { code: "doctor_not_found" }>> => {
    const [doctor] = await tx
      .select({ id: doctors.id, clinicId: doctors.clinicId, photoSha256: doctors.photoSha256 })
      .from(doctors)
      .where(and(eq(doctors.id, input.doctorId), inScope(scope, doctors.clinicId)))
      .for("update");
    if (!doctor) return err({ code: "doctor_not_found" });
    await tx
      .insert(doctorPhotos)
      .values({ sha256: photo.sha256, small: photo.small, medium: photo.medium, large: photo.large })
      .onConflictDoNothing();
    await tx.update(doctors).set({ photoSha256: photo.sha256 }).where(eq(doctors.id, doctor.id));
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: doctor.clinicId,
      action: "doctor.photo",
      subjectType: "doctor",
      subjectId: doctor.id,
      before: { photo: doctor.photoSha256 },
      after: { photo: photo.sha256, bytes: photo.small.length + photo.medium.length + photo.large.length },
    });
    return ok({ sha256: photo.sha256 });
  });
}
