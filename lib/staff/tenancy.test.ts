import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { and, asc, eq, gt, inArray, isNull, sql, TransactionRollbackError } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  auditLog,
  clinicMemberships,
  clinics,
  doctors,
  notifications,
  paymentAttempts,
  reservationMoves,
  reservations,
  reviews,
  timeSlots,
  users,
  visitNotices,
  walletLedger,
} from "@/db/schema";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { chatRequestFor } from "@/lib/chat/chat-access";
import { myChats } from "@/lib/chat/chat-lists";
import { buyChat } from "@/lib/chat/testing/chat-world";
import { runCleanupAsAdmin } from "@/lib/ops/cleanup";
import { failingJobs, jobQueue, notificationCountsFor } from "@/lib/ops/job-stats";
import { receiptFor } from "@/lib/payments/receipt";
import { hideReview, reviewsToManage } from "@/lib/reviews/reviews";
import { paymentMonitoring } from "@/lib/ops/monitoring";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makePatient } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { tehranDateKey } from "@/lib/time/tehran";
import { clinicAgenda } from "./agenda";
import { markAttendance } from "./attendance";
import { auditTrail } from "@/lib/audit/audit";
import { doctorDay, doctorOptions } from "./doctor-day";
import { paymentAttemptsList } from "./payment-attempts";
import { adjustWallet, refundsList } from "./refunds";
import { closeDay, closeSlot, reopenSlot } from "./slot-closing";
import { attemptClinicSql } from "./money-clinic";
import { businessReport } from "./business";
import { businessExport } from "./business-csv";
import { clinicsToManage, updateClinicDetails } from "./clinic-details";
import { clinicTeams, inviteStaff, removeStaff } from "./clinic-team";
import { createDoctor, doctorsToManage, doctorToManage, updateDoctor, type DoctorFormInput, type ManagedDoctor } from "./doctor-admin";
import { prepareDoctorPhoto, setDoctorPhoto, type PreparedPhoto } from "./doctor-photo";
import { announceDelay } from "./visit-delay";
import { makeActor } from "./testing/staff-fixtures";
import { todayOverview } from "./today-overview";
import { generateSlots, updateWeeklySchedule, weeklyScheduleOf } from "./weekly-schedule";

/** Tenancy as a security property, on real Postgres: every staff service × {own clinic, other clinic, no
 * clinic} × {receptionist, clinic admin, platform admin, doctor, patient, staff of no clinic}. A clinic's staff
 * get "not found" for anything of another clinic, whatever id they send, and nothing changes; work that is a
 * clinic admin's or the platform's is refused outright. The demo seed is the world: بوعلی is clinic A, its
 * receptionist and clinic admin the callers, اکباتان clinic B. */

type Role = "receptionist" | "clinicAdmin" | "admin" | "doctor" | "patient" | "noClinic";
type Target = "own" | "other" | "none";
type Outcome = "ok" | "not_found" | "forbidden";

/** What one clinic holds for the matrix to ask about. */
type ClinicWorld = {
  clinicId: string;
  clinicName: string;
  doctorId: string;
  doctorName: string;
  /** Confirmed, in the future: staff cancel it. */
  toCancel: { id: string; paymentAttemptId: string };
  /** Confirmed, in the future, never cancelled: closing its day must ask first. */
  kept: { id: string; date: string; paymentAttemptId: string };
  /** Cancelled by the platform admin: a refund and an audit row of this clinic. */
  refunded: { id: string };
  /** A visit of the past, for attendance. */
  past: { id: string };
  freeSlotId: string;
  chatId: string;
  /** A review of the clinic's doctor (of the demo doctor for clinic A, so the doctor reads it as their own). */
  reviewId: string;
  /** A receptionist of the clinic that the team row removes (and puts back before each call). */
  removableId: string;
};

let database: Awaited<ReturnType<typeof createRacePostgres>>;
const db = (): Db => database.db;
const actors = {} as Record<Role, Actor>;
const world = {} as {
  own: ClinicWorld;
  other: ClinicWorld;
  none: { topupAttemptId: string; adjustmentId: string; adjustmentAuditId: string };
};
let photo: PreparedPhoto;

const DEMO_DOCTOR = "دکتر مریم کریمی";

async function actorByPhone(phone: string): Promise<Actor> {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
}

async function clinicWorld(clinicName: string, doctorName: string, admin: Actor): Promise<ClinicWorld> {
  const engine = buildEngine(db(), await unreachableApiBase()).engine;
  const [clinic] = await db().select().from(clinics).where(eq(clinics.name, clinicName));
  const [doctor] = await db().select().from(doctors).where(eq(doctors.name, doctorName));
  // Free future slots of the doctor, from the seeded calendar, at least a day ahead.
  const slots = await db()
    .select()
    .from(timeSlots)
    .where(
      and(eq(timeSlots.doctorId, doctor!.id), eq(timeSlots.status, "open"), gt(timeSlots.startsAt, new Date(Date.now() + 30 * 3_600_000))),
    )
    .orderBy(asc(timeSlots.startsAt))
    .limit(4);
  const patient = await makePatient(db(), { balanceRial: 100_000_000, name: `بیمار ${clinicName}` });
  const book = async (slotId: string) => {
    const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId }) });
    if (!paid.ok) throw new Error(paid.error.code);
    const [row] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
    return row!;
  };
  const toCancel = await book(slots[0]!.id);
  const kept = await book(slots[1]!.id);
  const refunded = await book(slots[2]!.id);
  const cancelled = await cancelReservationAsStaff(
    db(),
    admin,
    { reservationId: refunded.id, reason: "آماده‌سازی آزمون" },
    { fullRefundHours: 24 },
  );
  if (!cancelled.ok) throw new Error(cancelled.error.code);
  const [past] = await db()
    .select({ id: reservations.id })
    .from(reservations)
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .where(and(eq(doctors.clinicId, clinic!.id), inArray(reservations.status, ["attended", "no_show"])))
    .limit(1);
  const chat = await buyChat(engine, patient.id, doctor!.id);
  const [review] = await db()
    .select({ id: reviews.id })
    .from(reviews)
    .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
    .where(and(eq(doctors.clinicId, clinic!.id), doctorName === DEMO_DOCTOR ? eq(doctors.id, doctor!.id) : undefined))
    .limit(1);
  const removable = await makeActor(db(), "staff", `پذیرش ${clinicName}`);
  return {
    clinicId: clinic!.id,
    clinicName,
    doctorId: doctor!.id,
    doctorName,
    toCancel: { id: toCancel.id, paymentAttemptId: toCancel.paymentAttemptId },
    kept: { id: kept.id, date: tehranDateKey(slots[1]!.startsAt), paymentAttemptId: kept.paymentAttemptId },
    refunded: { id: refunded.id },
    past: past!,
    freeSlotId: slots[3]!.id,
    chatId: chat.id,
    reviewId: review!.id,
    removableId: removable.userId,
  };
}

beforeAll(async () => {
  database = await createRacePostgres();
  await seedDemoData(db());
  actors.receptionist = await actorByPhone(DEMO_PHONES.staff);
  actors.clinicAdmin = await actorByPhone(DEMO_PHONES.clinicAdmin);
  actors.admin = await actorByPhone(DEMO_PHONES.admin);
  actors.doctor = await actorByPhone(DEMO_PHONES.doctor);
  actors.patient = await actorByPhone(DEMO_PHONES.patientWithBalance);
  actors.noClinic = await makeActor(db(), "staff", "کارمند بی‌کلینیک");
  // Clinic A is the callers' (and the demo doctor's, دکتر مریم کریمی); clinic B is another clinic.
  world.own = await clinicWorld("درمانگاه تخصصی بوعلی", DEMO_DOCTOR, actors.admin);
  world.other = await clinicWorld("کلینیک اکباتان", "دکتر نرگس موسوی", actors.admin);
  const [zahra] = await db().select().from(users).where(eq(users.phone, DEMO_PHONES.patientWithBalance));
  const adjusted = await adjustWallet(db(), actors.admin, { phone: DEMO_PHONES.patientWithBalance, amountRial: 10_000, reason: "جبران" });
  if (!adjusted.ok) throw new Error(adjusted.error.code);
  const [adjustment] = await db()
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, zahra!.id), eq(walletLedger.reason, "staff_adjustment"), eq(walletLedger.amountRial, 10_000)));
  const [topup] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.purpose, "topup"));
  world.none = { topupAttemptId: topup!.id, adjustmentId: adjustment!.id, adjustmentAuditId: adjustment!.reference };
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#4a7fb0" } })
    .png()
    .toBuffer();
  const prepared = await prepareDoctorPhoto(png);
  if (!prepared.ok) throw new Error(prepared.error.code);
  photo = prepared.value;
}, 120_000);
afterAll(() => database?.close());

const wide = () => ({ from: new Date(Date.now() - 60 * 86_400_000), to: new Date(Date.now() + 60 * 86_400_000) });
const found = (result: { ok: boolean; error?: { code: string } }) =>
  result.ok || !result.error!.code.endsWith("_not_found") ? "ok" : "not_found";
const listed = (ids: readonly string[], id: string) => (ids.includes(id) ? "ok" : "not_found");

/** Each staff service, asked about one clinic's thing (or, for `none`, the platform's: a top-up, a manual
 * adjustment). `platform`: the platform admin's alone (the job queue), everyone else refused. `clinicAdmin`:
 * clinic-admin work (the audit trail, the business view, doctors, team, clinic details, reviews; payment
 * monitoring has its own test below, being counts). `doctorReads`: a doctor may read their own; `doctorOwn`: a
 * doctor may do it to their own visits (a day off cancels them, a delay tells their patients). `patientPath` /
 * `doctorPath`: a patient's or doctor's own path answers "not found" rather than refusing. `prepare` puts back
 * what an earlier cell consumed, before the cell's fingerprint is taken. */
type Service = {
  name: string;
  targets: Target[];
  platform?: boolean;
  clinicAdmin?: boolean;
  doctorReads?: boolean;
  doctorOwn?: boolean;
  patientPath?: boolean;
  doctorPath?: boolean;
  prepare?: (target: Target) => Promise<void>;
  run: (actor: Actor, target: Target) => Promise<"ok" | "not_found">;
};

const clinicOf = (target: Target) => (target === "own" ? world.own : world.other);
const either = (...outcomes: ("ok" | "not_found")[]) => (outcomes.includes("ok") ? "ok" : "not_found");
const dayKeys = () => ({ from: tehranDateKey(wide().from), to: tehranDateKey(wide().to) });

let fresh = 0;
/** A phone number and a council number no one has yet, per call. */
const freshPhone = () => `0918${String(process.pid % 1000).padStart(3, "0")}${String(++fresh).padStart(4, "0")}`;
const freshCouncil = () => `7${String(process.pid % 1000).padStart(3, "0")}${String(++fresh).padStart(4, "0")}`;

/** A doctor's profile as the form sends it back unchanged. */
const formOf = (d: ManagedDoctor): DoctorFormInput => ({
  name: d.name,
  title: d.title,
  specialtyId: d.specialtyId,
  phone: d.phone ?? freshPhone(),
  councilNumber: d.councilNumber ?? freshCouncil(),
  visitFeeToman: String(d.visitFeeRial / 10),
  chatFeeToman: String(d.chatFeeRial / 10),
  takesChat: d.takesChat,
  chatAnswerHours: String(d.chatAnswerHours),
  bio: d.bio,
  education: d.education,
  languages: d.languages.join("، "),
  insurances: d.insurances.join("، "),
});
const managed = async (t: Target) => (await doctorToManage(db(), actors.admin, clinicOf(t).doctorId))!;

type NotificationKind = (typeof notifications.$inferInsert)["kind"];

/** Whether the caller's notification counts take in one more pending message of `kind` about `reference`
 * (which may first make what it points at). All of it is added and rolled back in one transaction: nothing
 * stays. */
async function countsNotification(
  actor: Actor,
  kind: NotificationKind,
  reference: (tx: Db) => Promise<string> | string,
): Promise<"ok" | "not_found"> {
  let outcome: "ok" | "not_found" = "not_found";
  try {
    await db().transaction(async (tx) => {
      const before = await notificationCountsFor(tx, actor);
      await tx
        .insert(notifications)
        .values({ recipientId: actors.noClinic.userId, kind, reference: await reference(tx), body: "x", link: "/" });
      const after = await notificationCountsFor(tx, actor);
      outcome = after.pending > before.pending ? "ok" : "not_found";
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return outcome;
}

/** The matrix's question: a reminder of the target clinic's visit, or for `none` a top-up's refund (no clinic's). */
const countsNotificationOf = (actor: Actor, target: Target) =>
  target === "none"
    ? countsNotification(actor, "auto_refund", () => world.none.topupAttemptId)
    : countsNotification(actor, "reservation_reminder_2h", () => clinicOf(target).kept.id);

const SERVICES: Service[] = [
  {
    name: "agenda",
    targets: ["own", "other"],
    doctorReads: true,
    run: async (a, t) =>
      listed(
        (await clinicAgenda(db(), a, wide())).map((r) => r.reservationId),
        clinicOf(t).toCancel.id,
      ),
  },
  {
    name: "doctorOptions",
    targets: ["own", "other"],
    run: async (a, t) =>
      listed(
        (await doctorOptions(db(), a)).map((d) => d.id),
        clinicOf(t).doctorId,
      ),
  },
  {
    name: "doctorDay",
    targets: ["own", "other"],
    doctorReads: true,
    run: async (a, t) => ((await doctorDay(db(), a, { doctorId: clinicOf(t).doctorId, date: clinicOf(t).kept.date })) ? "ok" : "not_found"),
  },
  {
    name: "weeklySchedule",
    targets: ["own", "other"],
    doctorReads: true,
    run: async (a, t) => ((await weeklyScheduleOf(db(), a, clinicOf(t).doctorId)) ? "ok" : "not_found"),
  },
  {
    name: "payments",
    targets: ["own", "other", "none"],
    run: async (a, t) =>
      listed(
        (await paymentAttemptsList(db(), a, {})).rows.map((r) => r.id),
        t === "none" ? world.none.topupAttemptId : clinicOf(t).toCancel.paymentAttemptId,
      ),
  },
  {
    name: "refunds",
    targets: ["own", "other", "none"],
    run: async (a, t) => {
      const rows = (await refundsList(db(), a)).rows;
      return t === "none"
        ? listed(
            rows.map((r) => r.id),
            world.none.adjustmentId,
          )
        : listed(
            rows.map((r) => r.reference),
            clinicOf(t).refunded.id,
          );
    },
  },
  {
    name: "audit",
    targets: ["own", "other", "none"],
    clinicAdmin: true,
    run: async (a, t) =>
      listed(
        (await auditTrail(db(), a)).rows.map((r) => (t === "none" ? r.id : r.subjectId)),
        t === "none" ? world.none.adjustmentAuditId : clinicOf(t).refunded.id,
      ),
  },
  {
    name: "chat",
    targets: ["own", "other"],
    doctorReads: true,
    patientPath: true,
    run: async (a, t) => ((await chatRequestFor(db(), a, clinicOf(t).chatId)) ? "ok" : "not_found"),
  },
  {
    name: "chatList",
    targets: ["own", "other"],
    patientPath: true,
    doctorPath: true,
    run: async (a, t) =>
      listed(
        (await myChats(db(), a)).map((c) => c.id),
        clinicOf(t).chatId,
      ),
  },
  {
    name: "attendance",
    targets: ["own", "other"],
    run: async (a, t) => found(await markAttendance(db(), a, { reservationId: clinicOf(t).past.id, attendance: "attended" })),
  },
  {
    // The clinic's cancel refuses patients outright (they cancel through their own flow); a doctor reaches only
    // their own visits (a day off).
    name: "cancel",
    targets: ["own", "other"],
    doctorOwn: true,
    run: async (a, t) =>
      found(
        await cancelReservationAsStaff(db(), a, { reservationId: clinicOf(t).toCancel.id, reason: "بیماری پزشک" }, { fullRefundHours: 24 }),
      ),
  },
  {
    name: "closeSlot",
    targets: ["own", "other"],
    run: async (a, t) => found(await closeSlot(db(), a, { slotId: clinicOf(t).freeSlotId })),
  },
  {
    name: "reopenSlot",
    targets: ["own", "other"],
    run: async (a, t) => found(await reopenSlot(db(), a, { slotId: clinicOf(t).freeSlotId })),
  },
  // Without confirmation: a day with a confirmed visit only asks (needs_confirmation), it never closes.
  {
    name: "closeDay",
    targets: ["own", "other"],
    doctorOwn: true,
    run: async (a, t) => found(await closeDay(db(), a, { doctorId: clinicOf(t).doctorId, date: clinicOf(t).kept.date })),
  },
  {
    name: "updateSchedule",
    targets: ["own", "other"],
    run: async (a, t) => {
      const week = (await weeklyScheduleOf(db(), actors.admin, clinicOf(t).doctorId))!;
      return found(await updateWeeklySchedule(db(), a, { doctorId: clinicOf(t).doctorId, intervals: week }));
    },
  },
  {
    name: "generateSlots",
    targets: ["own", "other"],
    run: async (a, t) => found(await generateSlots(db(), a, { days: 14, doctorIds: [clinicOf(t).doctorId] })),
  },
  // /staff/monitoring: the job queue is the platform's; SMS counts are a clinic admin's clinics'.
  { name: "jobQueue", targets: ["none"], platform: true, run: async (a) => (await jobQueue(db(), a), "ok") },
  { name: "failingJobs", targets: ["none"], platform: true, run: async (a) => (await failingJobs(db(), a), "ok") },
  { name: "notificationCounts", targets: ["own", "other", "none"], clinicAdmin: true, run: countsNotificationOf },
  // The business view and its CSV, for the whole scope and narrowed to the target's clinic.
  {
    name: "businessReport",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => {
      const ask = async (clinicId?: string) =>
        listed(
          (await businessReport(db(), a, { ...dayKeys(), groupBy: "week", clinicId })).doctors.map((d) => d.doctorId),
          clinicOf(t).doctorId,
        );
      return either(await ask(), await ask(clinicOf(t).clinicId));
    },
  },
  {
    name: "businessCsv",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => {
      const ask = async (clinicId?: string) => {
        const { csv } = await businessExport(db(), a, { ...dayKeys(), groupBy: "day", clinicId });
        return csv.includes(clinicOf(t).doctorName) || csv.includes(clinicOf(t).clinicName) ? "ok" : "not_found";
      };
      return either(await ask(), await ask(clinicOf(t).clinicId));
    },
  },
  {
    name: "reviewsToManage",
    targets: ["own", "other"],
    clinicAdmin: true,
    doctorReads: true,
    run: async (a, t) =>
      listed(
        (await reviewsToManage(db(), a)).map((r) => r.id),
        clinicOf(t).reviewId,
      ),
  },
  {
    // The first allowed call hides it; later ones answer "already hidden": found, not missing.
    name: "hideReview",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => found(await hideReview(db(), a, { reviewId: clinicOf(t).reviewId, reason: "توهین‌آمیز" })),
  },
  {
    // Whether or not the doctor has visits left today: "no visits" is an answer about the doctor, found.
    name: "announceDelay",
    targets: ["own", "other"],
    doctorOwn: true,
    run: async (a, t) => found(await announceDelay(db(), a, { doctorId: clinicOf(t).doctorId, minutes: 30, noticeKey: randomUUID() })),
  },
  {
    name: "doctorsToManage",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) =>
      listed(
        (await doctorsToManage(db(), a)).map((d) => d.id),
        clinicOf(t).doctorId,
      ),
  },
  {
    name: "doctorToManage",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => ((await doctorToManage(db(), a, clinicOf(t).doctorId)) ? "ok" : "not_found"),
  },
  {
    name: "createDoctor",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => {
      const form = { ...formOf(await managed(t)), name: "دکتر تازه", phone: freshPhone(), councilNumber: freshCouncil() };
      return found(await createDoctor(db(), a, { ...form, clinicId: clinicOf(t).clinicId }));
    },
  },
  {
    name: "updateDoctor",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => found(await updateDoctor(db(), a, { ...formOf(await managed(t)), doctorId: clinicOf(t).doctorId })),
  },
  {
    name: "doctorPhoto",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => found(await setDoctorPhoto(db(), a, { doctorId: clinicOf(t).doctorId, photo })),
  },
  {
    name: "clinicTeams",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) =>
      listed(
        (await clinicTeams(db(), a)).map((c) => c.clinicId),
        clinicOf(t).clinicId,
      ),
  },
  {
    name: "inviteStaff",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => found(await inviteStaff(db(), a, { clinicId: clinicOf(t).clinicId, phone: freshPhone(), role: "receptionist" })),
  },
  {
    name: "removeStaff",
    targets: ["own", "other"],
    clinicAdmin: true,
    prepare: async (t) => {
      await db()
        .insert(clinicMemberships)
        .values({ userId: clinicOf(t).removableId, clinicId: clinicOf(t).clinicId, role: "receptionist" })
        .onConflictDoNothing();
    },
    run: async (a, t) => found(await removeStaff(db(), a, { clinicId: clinicOf(t).clinicId, userId: clinicOf(t).removableId })),
  },
  {
    name: "clinicDetails",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) =>
      listed(
        (await clinicsToManage(db(), a)).map((c) => c.id),
        clinicOf(t).clinicId,
      ),
  },
  {
    name: "updateClinicDetails",
    targets: ["own", "other"],
    clinicAdmin: true,
    run: async (a, t) => {
      const [c] = (await clinicsToManage(db(), actors.admin)).filter((x) => x.id === clinicOf(t).clinicId);
      const coordinate = (n: number | null) => (n === null ? "" : String(n));
      return found(
        await updateClinicDetails(db(), a, {
          clinicId: c!.id,
          address: c!.address,
          phone: c!.phone ?? "",
          hours: c!.hours,
          latitude: coordinate(c!.latitude),
          longitude: coordinate(c!.longitude),
        }),
      );
    },
  },
  {
    // A receipt of a visit: its payer (not a caller here), staff of its clinic, the platform admin.
    name: "receipt",
    targets: ["own", "other"],
    patientPath: true,
    doctorPath: true,
    run: async (a, t) => ((await receiptFor(db(), a, clinicOf(t).kept.paymentAttemptId)) ? "ok" : "not_found"),
  },
];

/** The rule the matrix checks every cell against. */
function expected(service: Service, role: Role, target: Target): Outcome {
  if (role === "admin") return "ok";
  if (service.platform) return "forbidden";
  if (role === "patient") return service.patientPath ? "not_found" : "forbidden";
  if (role === "doctor") {
    if (service.doctorReads || service.doctorOwn) return target === "own" ? "ok" : "not_found";
    return service.doctorPath ? "not_found" : "forbidden";
  }
  if (service.clinicAdmin && role !== "clinicAdmin") return "forbidden";
  if (role === "noClinic") return "not_found";
  return target === "own" ? "ok" : "not_found";
}

/** Everything a staff service could change, fingerprinted in one query. */
async function fingerprint(): Promise<string> {
  const tables = [
    "reservations",
    "time_slots",
    "weekly_schedules",
    "wallet_ledger",
    "audit_log",
    "chat_requests",
    "clinic_memberships",
    "reviews",
    "clinics",
    "doctors",
    "users",
    "visit_notices",
    "notifications",
  ];
  const rows = (await db().execute(
    sql.raw(
      `select concat_ws('|', ${tables.map((t) => `(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from ${t} x)`).join(", ")}) as f`,
    ),
  )) as unknown as { f: string }[];
  return rows[0]!.f;
}

async function outcomeOf(service: Service, actor: Actor, target: Target): Promise<Outcome> {
  try {
    return await service.run(actor, target);
  } catch (error) {
    if (error instanceof ForbiddenError) return "forbidden";
    throw error;
  }
}

describe("tenancy: every staff service × clinic × role", () => {
  const roles: Role[] = ["receptionist", "clinicAdmin", "admin", "doctor", "patient", "noClinic"];
  for (const service of SERVICES) {
    it(`${service.name}`, async () => {
      const cells: string[] = [];
      for (const role of roles) {
        for (const target of service.targets) {
          const want = expected(service, role, target);
          await service.prepare?.(target);
          const before = want === "ok" ? null : await fingerprint();
          const got = await outcomeOf(service, actors[role], target);
          if (got !== want) cells.push(`${role} × ${target}: ${got}, expected ${want}`);
          // A refusal or a "not found" changes nothing at all.
          if (before !== null && (await fingerprint()) !== before) cells.push(`${role} × ${target}: changed data while answering ${got}`);
        }
      }
      expect(cells).toEqual([]);
    });
  }
});

describe("tenancy: what clinic staff see", () => {
  it("today's numbers count only the caller's clinics, and ghost records are the platform admin's", async () => {
    const countFor = async (clinicId: string | null) => {
      const [row] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(reservations)
        .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
        .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
        .where(
          and(
            sql`${reservations.status} <> 'cancelled'`,
            gt(timeSlots.startsAt, new Date()),
            clinicId ? eq(doctors.clinicId, clinicId) : undefined,
          ),
        );
      return row!.n;
    };
    const mine = await todayOverview(db(), actors.receptionist);
    const all = await todayOverview(db(), actors.admin);
    expect(mine.ghostRecords).toBeNull();
    expect(all.ghostRecords).toBe(0);
    expect(mine.appointmentsToday + mine.appointmentsNextWeek).toBeLessThanOrEqual(await countFor(world.own.clinicId));
    expect(all.appointmentsNextWeek).toBeGreaterThan(mine.appointmentsNextWeek);
    expect(await todayOverview(db(), actors.noClinic)).toMatchObject({ appointmentsToday: 0, appointmentsNextWeek: 0, paymentsToday: 0 });
    for (const role of ["doctor", "patient"] as const)
      await expect(todayOverview(db(), actors[role])).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lists never carry another clinic's doctor, patient or clinic name", async () => {
    for (const role of ["receptionist", "clinicAdmin"] as const) {
      const agenda = await clinicAgenda(db(), actors[role], wide());
      expect(agenda.length).toBeGreaterThan(0);
      expect(new Set(agenda.map((r) => r.clinicName))).toEqual(new Set([world.own.clinicName]));
      expect(agenda.map((r) => r.patientName)).not.toContain(`بیمار ${world.other.clinicName}`);
      expect(new Set((await doctorOptions(db(), actors[role])).map((d) => d.clinicId))).toEqual(new Set([world.own.clinicId]));
      const payments = await paymentAttemptsList(db(), actors[role], {});
      expect(payments.rows.map((p) => p.patientName)).not.toContain(`بیمار ${world.other.clinicName}`);
      expect(payments.total).toBe(payments.rows.length);
    }
    const trail = await auditTrail(db(), actors.clinicAdmin);
    expect(trail.rows.length).toBeGreaterThan(0);
    const clinicsInTrail = await db()
      .select({ clinicId: auditLog.clinicId })
      .from(auditLog)
      .where(
        inArray(
          auditLog.id,
          trail.rows.map((r) => r.id),
        ),
      );
    expect(new Set(clinicsInTrail.map((r) => r.clinicId))).toEqual(new Set([world.own.clinicId]));
  });

  it("monitoring counts a clinic admin's clinics only; receptionists and others are refused", async () => {
    const clinicAttempts = async (clinicId: string) => {
      const [row] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(paymentAttempts)
        .where(sql`${attemptClinicSql} = ${clinicId}`);
      return row!.n;
    };
    const own = await clinicAttempts(world.own.clinicId);
    const [{ n: all } = { n: 0 }] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(paymentAttempts);
    const mine = await paymentMonitoring(db(), actors.clinicAdmin, 30);
    expect(mine.totals.total).toBe(own);
    expect(mine.ghosts).toBeNull();
    expect((await paymentMonitoring(db(), actors.admin, 30)).totals.total).toBe(all);
    expect(all).toBeGreaterThan(own);
    for (const role of ["receptionist", "doctor", "patient", "noClinic"] as const) {
      await expect(paymentMonitoring(db(), actors[role], 30), role).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("every kind of notification counts for the clinic it is about, in a clinic admin's monitoring", async () => {
    // What each kind's reference points at, for one clinic (the kinds of the same target share a row).
    const references: [NotificationKind, (w: ClinicWorld) => (tx: Db) => Promise<string> | string][] = [
      ["reservation_confirmed", (w) => () => w.kept.id],
      ["chat_question", (w) => () => w.chatId],
      ["auto_refund", (w) => () => w.kept.paymentAttemptId],
      ["waitlist_offer", (w) => () => w.freeSlotId],
      ["staff_invited", (w) => () => `${w.clinicId}/2026-01-01T00:00:00.000Z`],
      [
        "visit_delayed",
        (w) => async (tx) => {
          const id = randomUUID();
          const startsFrom = new Date();
          const until = new Date(startsFrom.getTime() + 3_600_000);
          await tx
            .insert(visitNotices)
            .values({ id, doctorId: w.doctorId, delayMinutes: 30, startsFrom, until, createdBy: actors.admin.userId });
          return id;
        },
      ],
      [
        "reservation_rescheduled",
        (w) => async (tx) => {
          const [kept] = await tx.select().from(reservations).where(eq(reservations.id, w.kept.id));
          const [move] = await tx
            .insert(reservationMoves)
            .values({
              reservationId: kept!.id,
              seq: 1,
              fromSlotId: w.freeSlotId,
              toSlotId: kept!.slotId,
              fromAmountRial: kept!.amountRial,
              toAmountRial: kept!.amountRial,
              movedBy: kept!.patientId,
            })
            .returning({ id: reservationMoves.id });
          return move!.id;
        },
      ],
    ];
    const seen: string[] = [];
    for (const [kind, of] of references)
      for (const w of [world.own, world.other])
        seen.push(`${kind} of ${w === world.own ? "own" : "other"}: ${await countsNotification(actors.clinicAdmin, kind, of(w))}`);
    expect(seen).toEqual(references.flatMap(([kind]) => [`${kind} of own: ok`, `${kind} of other: not_found`]));
  });

  it("platform work stays the platform admin's: wallet adjustments and cleanup", async () => {
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    for (const role of ["receptionist", "clinicAdmin", "doctor", "patient", "noClinic"] as const) {
      await expect(
        adjustWallet(db(), actors[role], { phone: DEMO_PHONES.patientEmptyWallet, amountRial: 1_000, reason: "x" }),
        role,
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(runCleanupAsAdmin(engine, actors[role], { hours: 2, dryRun: true }), role).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(isNull(auditLog.clinicId), eq(auditLog.action, "ops.cleanup"))),
    ).toEqual([]);
  });
});
