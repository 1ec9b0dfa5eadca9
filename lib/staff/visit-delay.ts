import { and, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, visitNotices } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitFacts } from "@/lib/notifications/events";
import { appLink, recordNotification } from "@/lib/notifications/record";
import { err, ok, type Result } from "@/lib/shared/result";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { timeSlots } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import { readableDoctorClinic } from "./doctor-access";

export const DELAY_MIN = 5;
export const DELAY_MAX = 240;

export type DelayInput = {
  doctorId: string;
  minutes: number;
  /** The key the form was rendered with: the same key submitted again is the same announcement. */
  noticeKey: string;
};
export type DelayError = { code: "doctor_not_found" } | { code: "bad_minutes" } | { code: "no_visits" };
export type Announced = { noticeId: string; notified: number; repeated: boolean };

/** Tells every patient with a confirmed visit with the doctor for the rest of today (Tehran) that the doctor
 * is late. Staff of the doctor's clinic (any clinic for the platform admin) or the doctor themselves; anyone
 * else reads the doctor as missing. One notification per announcement and patient: the notice row keyed by
 * the form's key makes a resubmission a no-op, and the notifications' unique key backs it up. */
export async function announceDelay(
  db: Db,
  actor: Actor | null,
  input: DelayInput,
  now = new Date(),
): Promise<Result<Announced, DelayError>> {
  const clinicId = await readableDoctorClinic(db, actor, input.doctorId);
  if (!clinicId) return err({ code: "doctor_not_found" });
  if (!Number.isInteger(input.minutes) || input.minutes < DELAY_MIN || input.minutes > DELAY_MAX) return err({ code: "bad_minutes" });
  const until = tehranInstant(addDays(tehranDateKey(now), 1), "00:00");
  return db.transaction(async (tx): Promise<Result<Announced, DelayError>> => {
    const visits = await visitFacts(tx).where(
      and(
        eq(reservations.doctorId, input.doctorId),
        eq(reservations.status, "confirmed"),
        gte(timeSlots.startsAt, now),
        lt(timeSlots.startsAt, until),
      ),
    );
    if (visits.length === 0) return err({ code: "no_visits" });
    const [created] = await tx
      .insert(visitNotices)
      .values({
        id: input.noticeKey,
        doctorId: input.doctorId,
        delayMinutes: input.minutes,
        startsFrom: now,
        until,
        createdBy: actor!.userId,
      })
      .onConflictDoNothing({ target: visitNotices.id })
      .returning({ id: visitNotices.id });
    if (!created) return ok({ noticeId: input.noticeKey, notified: 0, repeated: true });
    let notified = 0;
    for (const visit of visits) {
      const fresh = await recordNotification(tx, {
        recipientId: visit.patientId,
        kind: "visit_delayed",
        reference: created.id,
        link: "/appointments",
        body: messages.notifications.sms.visitDelayed({
          doctor: visit.doctor,
          minutes: persianNumber(input.minutes),
          when: formatJalaliDateTime(visit.startsAt),
          link: appLink("/appointments"),
        }),
      });
      if (fresh) notified += 1;
    }
    await recordAudit(tx, {
      actorId: actor!.userId,
      clinicId,
      action: "visit.delay",
      subjectType: "doctor_day",
      subjectId: `${input.doctorId}/${tehranDateKey(now)}`,
      before: null,
      after: { delayMinutes: input.minutes, visits: visits.length, notified },
    });
    return ok({ noticeId: created.id, notified, repeated: false });
  });
}
