import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, specialties, users } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope, type ClinicScope } from "@/lib/auth/clinic-scope";
import { recordAudit } from "@/lib/audit/audit";
import { doctorSearchText } from "@/lib/directory/doctor-directory";
import { latinDigits } from "@/lib/i18n/normalize";
import { isUniqueViolation } from "@/lib/shared/pg-errors";
import { err, ok, type Result } from "@/lib/shared/result";
import { accountByPhone, type AccountError } from "./account-by-phone";

/** Clinic admins (and the platform admin) keep the doctors of their clinics: the profile patients read, the
 * fees they pay, and the account the doctor signs in with. Receptionists are refused (ForbiddenError: the 403
 * page, or the common Persian refusal in an action); another clinic's doctor reads as missing. */

export type DoctorFormInput = {
  name: string;
  title: string;
  specialtyId: string;
  phone: string;
  councilNumber: string;
  visitFeeToman: string;
  chatFeeToman: string;
  takesChat: boolean;
  chatAnswerHours: string;
  bio: string;
  education: string;
  languages: string;
  insurances: string;
};

export type DoctorAdminError =
  | AccountError
  | { code: "doctor_not_found" }
  | { code: "clinic_not_found" }
  | { code: "specialty_not_found" }
  | { code: "name_required" }
  | { code: "title_too_long" }
  | { code: "bad_visit_fee" }
  | { code: "bad_chat_fee" }
  | { code: "bad_answer_hours" }
  | { code: "text_too_long" }
  | { code: "too_many_items" }
  | { code: "bad_council_number" }
  | { code: "council_taken" }
  | { code: "phone_taken" };

export type ManagedDoctor = {
  id: string;
  clinicId: string;
  clinicName: string;
  name: string;
  title: string;
  specialtyId: string;
  specialty: string;
  phone: string | null;
  councilNumber: string | null;
  visitFeeRial: number;
  chatFeeRial: number;
  takesChat: boolean;
  chatAnswerHours: number;
  bio: string;
  education: string;
  languages: string[];
  insurances: string[];
  photoSha256: string | null;
};

const MAX_TOMAN = 1_000_000_000;
const LIST_ITEM_MAX = 50;

/** Toman as staff type it: Persian or Latin digits, with or without thousands separators. */
export function parseToman(text: string): number | null {
  const digits = latinDigits(text).replace(/[\s,٬،_]/g, "");
  if (!/^\d{1,10}$/.test(digits)) return null;
  const toman = Number(digits);
  return toman > 0 && toman <= MAX_TOMAN ? toman : null;
}

/** The medical council number (شماره نظام پزشکی): digits only, Persian digits accepted, stored in Latin ones. */
export function parseCouncilNumber(text: string): string | null {
  const digits = latinDigits(text).trim();
  return /^\d{3,8}$/.test(digits) ? digits : null;
}

/** A list typed as one line: comma (Persian or Latin), semicolon or line break between items, duplicates dropped. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،؛;\n]/)
        .map((item) => item.trim().replace(/\s+/g, " "))
        .filter(Boolean),
    ),
  ];
}

type Parsed = {
  name: string;
  title: string;
  specialtyId: string;
  councilNumber: string;
  visitFeeRial: number;
  chatFeeRial: number;
  takesChat: boolean;
  chatAnswerHours: number;
  bio: string;
  education: string;
  languages: string[];
  insurances: string[];
};

function parseForm(input: DoctorFormInput): Result<Parsed, DoctorAdminError> {
  const name = input.name.trim().replace(/\s+/g, " ");
  if (!name || name.length > 100) return err({ code: "name_required" });
  const title = input.title.trim();
  if (title.length > 100) return err({ code: "title_too_long" });
  const councilNumber = parseCouncilNumber(input.councilNumber);
  if (!councilNumber) return err({ code: "bad_council_number" });
  const visitToman = parseToman(input.visitFeeToman);
  if (!visitToman) return err({ code: "bad_visit_fee" });
  const chatToman = parseToman(input.chatFeeToman);
  if (!chatToman) return err({ code: "bad_chat_fee" });
  const hours = Number(latinDigits(input.chatAnswerHours).trim() || "24");
  if (!Number.isInteger(hours) || hours < 1 || hours > 168) return err({ code: "bad_answer_hours" });
  const bio = input.bio.trim();
  const education = input.education.trim();
  if (bio.length > 2000 || education.length > 1000) return err({ code: "text_too_long" });
  const languages = parseList(input.languages);
  const insurances = parseList(input.insurances);
  if (languages.length > 10 || insurances.length > 20 || [...languages, ...insurances].some((item) => item.length > LIST_ITEM_MAX))
    return err({ code: "too_many_items" });
  return ok({
    name,
    title,
    specialtyId: input.specialtyId,
    councilNumber,
    visitFeeRial: visitToman * 10,
    chatFeeRial: chatToman * 10,
    takesChat: input.takesChat,
    chatAnswerHours: hours,
    bio,
    education,
    languages,
    insurances,
  });
}

function managedDoctors(db: Db, scope: ClinicScope) {
  return db
    .select({
      id: doctors.id,
      clinicId: doctors.clinicId,
      clinicName: clinics.name,
      name: doctors.name,
      title: doctors.title,
      specialtyId: doctors.specialtyId,
      specialty: specialties.name,
      phone: users.phone,
      councilNumber: doctors.councilNumber,
      visitFeeRial: doctors.visitFeeRial,
      chatFeeRial: doctors.chatFeeRial,
      takesChat: doctors.takesChat,
      chatAnswerHours: doctors.chatAnswerHours,
      bio: doctors.bio,
      education: doctors.education,
      languages: doctors.languages,
      insurances: doctors.insurances,
      photoSha256: doctors.photoSha256,
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .leftJoin(users, eq(users.id, doctors.userId))
    .where(inScope(scope, doctors.clinicId))
    .$dynamic();
}

/** The doctors of the caller's clinics (as clinic admin), by clinic and name. */
export async function doctorsToManage(db: Db, actor: Actor | null): Promise<ManagedDoctor[]> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  return managedDoctors(db, scope).orderBy(asc(clinics.name), asc(doctors.name));
}

/** One doctor of the caller's clinics, or null — also for another clinic's doctor. */
export async function doctorToManage(db: Db, actor: Actor | null, doctorId: string): Promise<ManagedDoctor | null> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  const [row] = await managedDoctors(db, scope).where(and(eq(doctors.id, doctorId), inScope(scope, doctors.clinicId)));
  return row ?? null;
}

/** The choices of the doctor form: specialties, and the clinics the caller may add a doctor to. */
export async function doctorFormChoices(db: Db, actor: Actor | null) {
  const scope = await clinicScope(db, actor, "clinic_admin");
  const [specialtyRows, clinicRows] = await Promise.all([
    db.select({ id: specialties.id, name: specialties.name }).from(specialties).orderBy(asc(specialties.name)),
    db.select({ id: clinics.id, name: clinics.name }).from(clinics).where(inScope(scope, clinics.id)).orderBy(asc(clinics.name)),
  ]);
  return { specialties: specialtyRows, clinics: clinicRows };
}

/** What the audit trail keeps of a doctor: the profile, never the photo's bytes. */
function auditView(d: typeof doctors.$inferSelect) {
  return {
    name: d.name,
    title: d.title,
    specialtyId: d.specialtyId,
    userId: d.userId,
    councilNumber: d.councilNumber,
    visitFeeRial: d.visitFeeRial,
    chatFeeRial: d.chatFeeRial,
    takesChat: d.takesChat,
    chatAnswerHours: d.chatAnswerHours,
    bio: d.bio,
    education: d.education,
    languages: d.languages,
    insurances: d.insurances,
  };
}

/** A failed insert or update of the doctor row as the form's error: the database keeps council numbers and
 * doctor accounts unique even when two admins save at once. */
async function guardUnique<T>(work: () => Promise<Result<T, DoctorAdminError>>): Promise<Result<T, DoctorAdminError>> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, "doctors_council_number_unique")) return err({ code: "council_taken" });
    if (isUniqueViolation(error, "doctors_user_id_unique")) return err({ code: "phone_taken" });
    throw error;
  }
}

/** The linked account for `phone`, refusing one that already belongs to another doctor. */
async function doctorAccount(tx: Db, phone: string, name: string, doctorId: string | null): Promise<Result<string, DoctorAdminError>> {
  const account = await accountByPhone(tx, { phone, role: "doctor", name });
  if (!account.ok) return account;
  const [other] = await tx.select({ id: doctors.id }).from(doctors).where(eq(doctors.userId, account.value.userId));
  if (other && other.id !== doctorId) return err({ code: "phone_taken" });
  return ok(account.value.userId);
}

type Saved = Result<{ doctorId: string }, DoctorAdminError>;

/** What adding and editing share: clinic admins only, the form checked before any query, one transaction, and
 * the database's unique keys read as the form's errors. */
async function saveDoctor(
  db: Db,
  actor: Actor | null,
  input: DoctorFormInput,
  write: (tx: Db, scope: ClinicScope, form: Parsed, actor: Actor) => Promise<Saved>,
): Promise<Saved> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor, "clinic_admin");
  const parsed = parseForm(input);
  if (!parsed.ok) return parsed;
  return guardUnique(() => db.transaction((tx) => write(tx, scope, parsed.value, actor)));
}

/** Adds a doctor to one of the caller's clinics, with a doctor account for the phone (made, or linked). */
export async function createDoctor(
  db: Db,
  actor: Actor | null,
  input: DoctorFormInput & { clinicId: string },
): Promise<Result<{ doctorId: string }, DoctorAdminError>> {
  return saveDoctor(db, actor, input, async (tx, scope, form, who) => {
    const [clinic] = await tx
      .select()
      .from(clinics)
      .where(and(eq(clinics.id, input.clinicId), inScope(scope, clinics.id)));
    if (!clinic) return err({ code: "clinic_not_found" });
    const [specialty] = await tx.select().from(specialties).where(eq(specialties.id, form.specialtyId));
    if (!specialty) return err({ code: "specialty_not_found" });
    const userId = await doctorAccount(tx, input.phone, form.name, null);
    // Every refusal comes before accountByPhone changes anything, so returning commits nothing.
    if (!userId.ok) return userId;
    const [created] = await tx
      .insert(doctors)
      .values({
        ...form,
        clinicId: clinic.id,
        userId: userId.value,
        searchText: doctorSearchText({ ...form, specialty: specialty.name, clinic: clinic.name }),
      })
      .returning();
    await recordAudit(tx, {
      actorId: who.userId,
      clinicId: clinic.id,
      action: "doctor.create",
      subjectType: "doctor",
      subjectId: created!.id,
      before: null,
      after: auditView(created!),
    });
    return ok({ doctorId: created!.id });
  });
}

/** Saves a doctor of the caller's clinics. A new phone links the doctor to that account instead; the account
 * it leaves becomes a patient account again. */
export async function updateDoctor(
  db: Db,
  actor: Actor | null,
  input: DoctorFormInput & { doctorId: string },
): Promise<Result<{ doctorId: string }, DoctorAdminError>> {
  return saveDoctor(db, actor, input, async (tx, scope, form, who) => {
    const [found] = await tx
      .select({ doctor: doctors, clinicName: clinics.name })
      .from(doctors)
      .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
      .where(and(eq(doctors.id, input.doctorId), inScope(scope, doctors.clinicId)))
      .for("update", { of: doctors });
    if (!found) return err({ code: "doctor_not_found" });
    const before = found.doctor;
    const [specialty] = await tx.select().from(specialties).where(eq(specialties.id, form.specialtyId));
    if (!specialty) return err({ code: "specialty_not_found" });
    const userId = await doctorAccount(tx, input.phone, form.name, before.id);
    if (!userId.ok) return userId;
    if (before.userId && before.userId !== userId.value)
      await tx
        .update(users)
        .set({ role: "patient" })
        .where(and(eq(users.id, before.userId), eq(users.role, "doctor")));
    const [after] = await tx
      .update(doctors)
      .set({
        ...form,
        userId: userId.value,
        searchText: doctorSearchText({ ...form, specialty: specialty.name, clinic: found.clinicName }),
      })
      .where(eq(doctors.id, before.id))
      .returning();
    await recordAudit(tx, {
      actorId: who.userId,
      clinicId: before.clinicId,
      action: "doctor.update",
      subjectType: "doctor",
      subjectId: before.id,
      before: auditView(before),
      after: auditView(after!),
    });
    return ok({ doctorId: before.id });
  });
}
