import { z } from "zod";
import { db } from "@/db/client";
import { ForbiddenError } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-user";
import { PHOTO_MAX_BYTES } from "@/lib/directory/doctor-photos";
import { messages } from "@/lib/i18n/messages";
import { multipartFile, readCapped } from "@/lib/shared/capped-body";
import { prepareDoctorPhoto, setDoctorPhoto } from "@/lib/staff/doctor-photo";
import { log } from "@/lib/shared/log";

/** POST a doctor's photo (multipart/form-data, field `photo`): clinic admins of the doctor's clinic and the
 * platform admin. The bytes are checked and re-encoded before anything is stored; a refused file stores
 * nothing and gets a Persian reason. */

const t = messages.clinicAdmin.doctors.photoErrors;
const noStore = { "cache-control": "no-store" };
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

/** Room for the multipart envelope around a photo of the largest size we take. */
const BODY_LIMIT = PHOTO_MAX_BYTES + 64 * 1024;

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.signed_out);
  if (user.role !== "staff" && user.role !== "admin") return fail(403, t.forbidden);
  const id = (await params).id;
  if (!z.uuid().safeParse(id).success) return fail(404, t.doctor_not_found);
  const contentType = request.headers.get("content-type") ?? "";
  // A custom header: a cross-site form cannot send it, and a cross-site fetch needs a preflight we never grant.
  if (!contentType.startsWith("multipart/form-data") || request.headers.get("x-photo-upload") !== "1") return fail(415, t.bad_request);
  const body = await readCapped(request, BODY_LIMIT);
  if (!body) {
    log.info(`[doctors] photo refused for user ${user.userId}, doctor ${id}: too_big (body over ${BODY_LIMIT} bytes)`);
    return fail(413, t.too_big);
  }
  const upload = await multipartFile(body, contentType, "photo");
  if (!upload) return fail(400, t.missing);
  const prepared = await prepareDoctorPhoto(Buffer.from(await upload.arrayBuffer()));
  if (!prepared.ok) {
    log.info(
      `[doctors] photo refused for user ${user.userId}, doctor ${id}: ${prepared.error.code} (${upload.size} bytes, claimed ${upload.type || "no type"})`,
    );
    return fail(prepared.error.code === "too_big" ? 413 : 400, t[prepared.error.code]);
  }
  try {
    const saved = await setDoctorPhoto(db(), user, { doctorId: id, photo: prepared.value });
    if (!saved.ok) {
      log.info(`[doctors] photo refused for user ${user.userId} (${user.role}), doctor ${id}: not found in their clinics`);
      return fail(404, t.doctor_not_found);
    }
    log.info(`[doctors] photo ${saved.value.sha256} set on doctor ${id} by user ${user.userId}`);
    return Response.json({ sha256: saved.value.sha256 }, { status: 201, headers: noStore });
  } catch (error) {
    if (error instanceof ForbiddenError) {
      log.warn(`[doctors] photo refused for user ${user.userId}: ${error.message}`);
      return fail(403, t.forbidden);
    }
    throw error;
  }
}
