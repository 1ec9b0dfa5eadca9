import { sealData } from "iron-session";
import type { Db } from "@/db/client";
import { timeSlots, users } from "@/db/schema";
import { makeDoctor } from "@/testing/engine-harness";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";

/** Data the bench and the resilience tests write straight into their own fresh database. */

const CHUNK = 1_000;
const HOUR = 3_600_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

let phoneCounter = 0;

/** `count` patients with distinct valid mobile numbers. */
export async function seedPatients(db: Db, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, () => ({
    phone: `09${String(++phoneCounter).padStart(9, "0")}`,
    name: "بیمار بنچمارک",
    role: "patient" as const,
  }));
  const ids: string[] = [];
  await insertChunked(rows, async (chunk) => {
    const inserted = await db.insert(users).values(chunk).returning({ id: users.id });
    ids.push(...inserted.map((row) => row.id));
  });
  return ids;
}

/** A doctor with `slotCount` open slots, every 15 minutes from tomorrow on. */
export async function seedDoctorWithSlots(db: Db, slotCount: number): Promise<{ doctorId: string; feeRial: number; slotIds: string[] }> {
  const doctor = await makeDoctor(db);
  const first = Date.now() + 24 * HOUR;
  const rows = Array.from({ length: slotCount }, (_, i) => {
    const startsAt = new Date(first + i * 15 * 60_000);
    return { doctorId: doctor.id, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000) };
  });
  const slotIds: string[] = [];
  await insertChunked(rows, async (chunk) => {
    const inserted = await db.insert(timeSlots).values(chunk).returning({ id: timeSlots.id });
    slotIds.push(...inserted.map((row) => row.id));
  });
  return { doctorId: doctor.id, feeRial: doctor.visitFeeRial, slotIds };
}

/** A doctor's calendar as a clinic fills it: the next 14 Tehran days, 09:00–17:00 every 30 minutes. */
export async function seedCalendarDoctor(db: Db): Promise<{ doctorId: string; slots: number }> {
  const doctor = await makeDoctor(db);
  const today = tehranDateKey(new Date());
  const rows = [];
  for (let day = 1; day <= 14; day++) {
    const date = addDays(today, day);
    for (let minutes = 9 * 60; minutes < 17 * 60; minutes += 30) {
      const startsAt = tehranInstant(date, `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
      rows.push({ doctorId: doctor.id, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) });
    }
  }
  await db.insert(timeSlots).values(rows);
  return { doctorId: doctor.id, slots: rows.length };
}

/** A signed-in patient's cookie, sealed exactly as lib/auth/session.ts seals it, with the password the
 * server was given (as the only one, it is password id 1). Saves going through the rate-limited OTP login. */
export async function sessionCookie(userId: string, sessionPassword: string): Promise<string> {
  const seal = await sealData({ userId }, { password: { "1": sessionPassword }, ttl: 3_600 });
  return `drturn_session=${seal}`;
}
