import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { latinDigits } from "@/lib/i18n/normalize";
import { err, ok, type Result } from "@/lib/shared/result";
import { recordAudit } from "@/lib/audit/audit";

export type ClinicDetails = {
  id: string;
  name: string;
  city: string;
  address: string;
  phone: string | null;
  hours: string;
  latitude: number | null;
  longitude: number | null;
};
export type ClinicDetailsInput = { clinicId: string; address: string; phone: string; hours: string; latitude: string; longitude: string };
export type ClinicDetailsError =
  | { code: "clinic_not_found" }
  | { code: "address_required" }
  | { code: "invalid_phone" }
  | { code: "hours_too_long" }
  | { code: "invalid_coordinates" };

/** A landline or mobile as people write it: digits (Persian or Latin) with optional dashes and spaces. */
const PHONE = /^0\d{2,3}-?\d{7,8}$|^09\d{9}$/;

/** The clinics a clinic admin keeps the details of (every clinic for the platform admin). */
export async function clinicsToManage(db: Db, actor: Actor | null): Promise<ClinicDetails[]> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  return db
    .select({
      id: clinics.id,
      name: clinics.name,
      city: clinics.city,
      address: clinics.address,
      phone: clinics.phone,
      hours: clinics.hours,
      latitude: clinics.latitude,
      longitude: clinics.longitude,
    })
    .from(clinics)
    .where(inScope(scope, clinics.id))
    .orderBy(asc(clinics.name));
}

function parseCoordinate(text: string, limit: number): number | null | undefined {
  const value = latinDigits(text).trim().replace("٫", ".");
  if (!value) return null;
  if (!/^-?\d{1,3}(\.\d{1,7})?$/.test(value)) return undefined;
  const n = Number(value);
  return Math.abs(n) <= limit ? n : undefined;
}

/** A clinic admin sets their clinic's address, phone, hours and map coordinates; audited. Another clinic's id
 * reads as missing. */
export async function updateClinicDetails(
  db: Db,
  actor: Actor | null,
  input: ClinicDetailsInput,
): Promise<Result<ClinicDetails, ClinicDetailsError>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor, "clinic_admin");
  const address = input.address.trim();
  if (!address) return err({ code: "address_required" });
  const phone = latinDigits(input.phone).replace(/\s/g, "");
  if (phone && !PHONE.test(phone)) return err({ code: "invalid_phone" });
  const hours = input.hours.trim();
  if (hours.length > 300) return err({ code: "hours_too_long" });
  const latitude = parseCoordinate(input.latitude, 90);
  const longitude = parseCoordinate(input.longitude, 180);
  if (latitude === undefined || longitude === undefined || (latitude === null) !== (longitude === null))
    return err({ code: "invalid_coordinates" });
  return db.transaction(async (tx): Promise<Result<ClinicDetails, ClinicDetailsError>> => {
    const [before] = await tx
      .select()
      .from(clinics)
      .where(and(eq(clinics.id, input.clinicId), inScope(scope, clinics.id)))
      .for("update");
    if (!before) return err({ code: "clinic_not_found" });
    const [after] = await tx
      .update(clinics)
      .set({ address, phone: phone || null, hours, latitude, longitude })
      .where(eq(clinics.id, before.id))
      .returning();
    const pick = (c: typeof before) => ({
      address: c.address,
      phone: c.phone,
      hours: c.hours,
      latitude: c.latitude,
      longitude: c.longitude,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: before.id,
      action: "clinic.update",
      subjectType: "clinic",
      subjectId: before.id,
      before: pick(before),
      after: pick(after!),
    });
    return ok({
      id: after!.id,
      name: after!.name,
      city: after!.city,
      address: after!.address,
      phone: after!.phone,
      hours: after!.hours,
      latitude: after!.latitude,
      longitude: after!.longitude,
    });
  });
}
