import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chatRequests, clinics, doctors, reservations, reviews, timeSlots, users } from "@/db/schema";

/** What an audit row is about, by name: the trail is read by people, who know patients and doctors, not ids. */
export type AuditSubject =
  | { kind: "reservation"; patientName: string | null; patientPhone: string; doctorName: string; startsAt: Date }
  | { kind: "slot"; doctorName: string; startsAt: Date }
  | { kind: "doctor"; doctorName: string }
  | { kind: "doctor_day"; doctorName: string; date: string }
  | { kind: "doctors"; names: string[] }
  | { kind: "wallet"; patientName: string | null; patientPhone: string }
  | { kind: "payments"; olderThanHours: number | null }
  | { kind: "review"; doctorName: string; patientName: string | null; patientPhone: string }
  | { kind: "clinic"; clinicName: string }
  | { kind: "staff_member"; name: string | null; phone: string }
  | { kind: "chat"; doctorName: string; patientName: string | null; patientPhone: string }
  /** Its subject is gone or unknown: shown as it was recorded. */
  | { kind: "unknown"; subjectType: string; subjectId: string };

type Raw = { subjectType: string; subjectId: string };

const uuid = z.uuid();
const uuids = (values: string[]) => [...new Set(values.filter((v) => uuid.safeParse(v).success))];

/** Looks up every subject of one page of the trail in a handful of queries (one per kind), not one per row. */
export async function describeSubjects(db: Db, rows: Raw[]): Promise<AuditSubject[]> {
  const ids = (type: string) => uuids(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId));
  const dayDoctorIds = rows.filter((r) => r.subjectType === "doctor_day").map((r) => r.subjectId.split("/")[0] ?? "");
  const listedIds = rows.filter((r) => r.subjectType === "doctors" || r.subjectType === "clinic").flatMap((r) => r.subjectId.split(","));
  const reservationIds = ids("reservation");
  const slotIds = ids("slot");
  const doctorIds = uuids([...ids("doctor"), ...dayDoctorIds, ...listedIds]);
  const walletIds = uuids([...ids("wallet"), ...ids("staff_member")]);
  const reviewIds = ids("review");
  const chatIds = ids("chat_request");

  const [reservationRows, slotRows, doctorRows, clinicRows, walletRows, reviewRows, chatRows] = await Promise.all([
    reservationIds.length
      ? db
          .select({
            id: reservations.id,
            patientName: users.name,
            patientPhone: users.phone,
            doctorName: doctors.name,
            startsAt: timeSlots.startsAt,
          })
          .from(reservations)
          .innerJoin(users, eq(users.id, reservations.patientId))
          .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
          .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
          .where(inArray(reservations.id, reservationIds))
      : [],
    slotIds.length
      ? db
          .select({ id: timeSlots.id, doctorName: doctors.name, startsAt: timeSlots.startsAt })
          .from(timeSlots)
          .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
          .where(inArray(timeSlots.id, slotIds))
      : [],
    doctorIds.length ? db.select({ id: doctors.id, name: doctors.name }).from(doctors).where(inArray(doctors.id, doctorIds)) : [],
    // "Generate slots" without a doctor lists the clinics it ran for.
    uuids(listedIds).length
      ? db
          .select({ id: clinics.id, name: clinics.name })
          .from(clinics)
          .where(inArray(clinics.id, uuids(listedIds)))
      : [],
    walletIds.length
      ? db.select({ id: users.id, name: users.name, phone: users.phone }).from(users).where(inArray(users.id, walletIds))
      : [],
    reviewIds.length
      ? db
          .select({ id: reviews.id, doctorName: doctors.name, patientName: users.name, patientPhone: users.phone })
          .from(reviews)
          .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
          .innerJoin(users, eq(users.id, reviews.patientId))
          .where(inArray(reviews.id, reviewIds))
      : [],
    chatIds.length
      ? db
          .select({ id: chatRequests.id, doctorName: doctors.name, patientName: users.name, patientPhone: users.phone })
          .from(chatRequests)
          .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
          .innerJoin(users, eq(users.id, chatRequests.patientId))
          .where(inArray(chatRequests.id, chatIds))
      : [],
  ]);
  const reviewById = new Map(reviewRows.map((r) => [r.id, r]));
  const chatById = new Map(chatRows.map((c) => [c.id, c]));
  const reservationById = new Map(reservationRows.map((r) => [r.id, r]));
  const slotById = new Map(slotRows.map((s) => [s.id, s]));
  const nameById = new Map([...doctorRows, ...clinicRows].map((d) => [d.id, d.name]));
  const walletById = new Map(walletRows.map((u) => [u.id, u]));

  return rows.map((row): AuditSubject => {
    const unknown: AuditSubject = { kind: "unknown", subjectType: row.subjectType, subjectId: row.subjectId };
    switch (row.subjectType) {
      case "reservation": {
        const r = reservationById.get(row.subjectId);
        return r ? { kind: "reservation", ...r } : unknown;
      }
      case "slot": {
        const s = slotById.get(row.subjectId);
        return s ? { kind: "slot", doctorName: s.doctorName, startsAt: s.startsAt } : unknown;
      }
      case "doctor": {
        const name = nameById.get(row.subjectId);
        return name ? { kind: "doctor", doctorName: name } : unknown;
      }
      case "doctor_day": {
        const [doctorId = "", date = ""] = row.subjectId.split("/");
        const name = nameById.get(doctorId);
        return name ? { kind: "doctor_day", doctorName: name, date } : unknown;
      }
      case "doctors": {
        if (row.subjectId === "all") return { kind: "doctors", names: [] };
        const names = row.subjectId.split(",").map((id) => nameById.get(id));
        return names.every(Boolean) ? { kind: "doctors", names: names as string[] } : unknown;
      }
      case "wallet": {
        const u = walletById.get(row.subjectId);
        return u ? { kind: "wallet", patientName: u.name, patientPhone: u.phone } : unknown;
      }
      case "staff_member": {
        const u = walletById.get(row.subjectId);
        return u ? { kind: "staff_member", name: u.name, phone: u.phone } : unknown;
      }
      case "review": {
        const r = reviewById.get(row.subjectId);
        return r ? { kind: "review", doctorName: r.doctorName, patientName: r.patientName, patientPhone: r.patientPhone } : unknown;
      }
      case "chat_request": {
        const c = chatById.get(row.subjectId);
        return c ? { kind: "chat", doctorName: c.doctorName, patientName: c.patientName, patientPhone: c.patientPhone } : unknown;
      }
      case "clinic": {
        const name = nameById.get(row.subjectId);
        return name ? { kind: "clinic", clinicName: name } : unknown;
      }
      case "payments": {
        const hours = /^older-than-(\d+(?:\.\d+)?)h$/.exec(row.subjectId);
        return { kind: "payments", olderThanHours: hours ? Number(hours[1]) : null };
      }
      default:
        return unknown;
    }
  });
}
