import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationSettings, notifications, reservations, smsOutbox } from "@/db/schema";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import { deliverNotification } from "./delivery";
import { myNotifications } from "./inbox";
import { isQuietHour, outOfQuietHours, recordDueReminders, reminderDue } from "./reminders";

const { db } = setupTestDatabase();
const MINUTE = 60_000;

// A Tehran day far enough ahead that every visit below is booked (now) before its reminders fall due.
const D = addDays(tehranDateKey(new Date()), 5);
const at = (day: string, time: string) => tehranInstant(day, time);

async function bookedVisit(handle: Db, startsAt: Date) {
  const engine = buildEngine(handle, await unreachableApiBase()).engine;
  const doctor = await makeDoctor(handle, { visitFeeRial: 1_000_000 });
  const slot = await makeSlot(handle, doctor.id, { startsAt });
  const patient = await makePatient(handle, { balanceRial: 1_000_000 });
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
  if (!paid.ok) throw new Error(`booking failed: ${paid.error.code}`);
  const [reservation] = await handle.select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return { patient, reservation: reservation! };
}

describe("quiet hours", () => {
  it("are 22:00 to 08:00 Tehran time, and a reminder falling in them moves to 08:00", () => {
    expect(isQuietHour(at(D, "21:59"))).toBe(false);
    expect(isQuietHour(at(D, "22:00"))).toBe(true);
    expect(isQuietHour(at(D, "23:00"))).toBe(true);
    expect(isQuietHour(at(D, "07:59"))).toBe(true);
    expect(isQuietHour(at(D, "08:00"))).toBe(false);
    expect(outOfQuietHours(at(D, "23:00"))).toEqual(at(addDays(D, 1), "08:00"));
    expect(outOfQuietHours(at(D, "07:00"))).toEqual(at(D, "08:00"));
    expect(outOfQuietHours(at(D, "12:00"))).toEqual(at(D, "12:00"));
  });

  it("a visit booked after a reminder's moment is not sent that reminder", () => {
    const startsAt = at(D, "10:00");
    expect(reminderDue({ startsAt, bookedAt: at(D, "08:15") }, at(D, "08:30"))).toBeNull();
    expect(reminderDue({ startsAt, bookedAt: at(addDays(D, -1), "10:30") }, at(addDays(D, -1), "11:00"))).toBeNull();
    expect(reminderDue({ startsAt, bookedAt: at(addDays(D, -1), "12:00") }, at(D, "08:30"))).toBe("reservation_reminder_2h");
    expect(reminderDue({ startsAt, bookedAt: at(addDays(D, -3), "12:00") }, at(addDays(D, -1), "10:00"))).toBe("reservation_reminder_24h");
  });
});

describe("reminders on a moving clock", () => {
  it("sends the 24 h and the 2 h reminder once each, none at night, none for cancelled, attended or opted-out visits", async () => {
    const morning = await bookedVisit(db(), at(D, "10:00"));
    const early = await bookedVisit(db(), at(D, "09:00")); // 2 h before is 07:00: moved to 08:00
    const late = await bookedVisit(db(), at(D, "22:30")); // 24 h before is 22:30 the day before: moved to 08:00 on D
    const cancelled = await bookedVisit(db(), at(D, "11:00"));
    const attended = await bookedVisit(db(), at(D, "12:00"));
    const optedOut = await bookedVisit(db(), at(D, "13:00"));
    await db().update(reservations).set({ status: "attended" }).where(eq(reservations.id, attended.reservation.id));
    await db().insert(notificationSettings).values({ userId: optedOut.patient.id, reminders: false });

    // The clock moves from two days before to the end of D in 5-minute steps, the job running at each.
    const seen = new Map<string, Date>();
    const sentAt: { key: string; at: Date }[] = [];
    for (let now = at(addDays(D, -2), "00:00"); now <= at(D, "23:55"); now = new Date(now.getTime() + 5 * MINUTE)) {
      if (now.getTime() === at(D, "10:30").getTime()) {
        await cancelOwnReservation(
          db(),
          { userId: cancelled.patient.id, role: "patient" },
          { reservationId: cancelled.reservation.id },
          { fullRefundHours: 0, now },
        );
      }
      await recordDueReminders(db(), now);
      const rows = await db()
        .select()
        .from(notifications)
        .where(inArray(notifications.kind, ["reservation_reminder_24h", "reservation_reminder_2h"]));
      for (const row of rows) {
        const key = `${row.reference}:${row.kind}`;
        if (!seen.has(key)) {
          seen.set(key, now);
          sentAt.push({ key, at: now });
        }
      }
    }

    const when = (visit: { reservation: { id: string } }, kind: "24h" | "2h") =>
      seen.get(`${visit.reservation.id}:reservation_reminder_${kind}`);
    expect(when(morning, "24h")).toEqual(at(addDays(D, -1), "10:00"));
    expect(when(morning, "2h")).toEqual(at(D, "08:00"));
    expect(when(early, "24h")).toEqual(at(addDays(D, -1), "09:00"));
    expect(when(early, "2h")).toEqual(at(D, "08:00"));
    expect(when(late, "24h")).toEqual(at(D, "08:00"));
    expect(when(late, "2h")).toEqual(at(D, "20:30"));
    // Cancelled at 10:30 on D: its 24 h reminder went the day before, its 2 h one (due 09:00) before it was cancelled.
    expect(when(cancelled, "24h")).toEqual(at(addDays(D, -1), "11:00"));
    expect(when(attended, "24h")).toBeUndefined();
    expect(when(attended, "2h")).toBeUndefined();
    expect(when(optedOut, "24h")).toBeUndefined();
    expect(when(optedOut, "2h")).toBeUndefined();
    for (const { at: instant } of sentAt) expect(isQuietHour(instant)).toBe(false);

    // Once each: the unique (kind, reference, recipient) holds, whatever the job ran.
    const all = await db()
      .select()
      .from(notifications)
      .where(inArray(notifications.kind, ["reservation_reminder_24h", "reservation_reminder_2h"]));
    expect(all).toHaveLength(sentAt.length);
    // Nothing at 23:00, even with a visit the next morning due.
    expect(await recordDueReminders(db(), at(D, "23:00"))).toBe(0);
    const [reminder] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.reference, morning.reservation.id), eq(notifications.kind, "reservation_reminder_2h")));
    expect(reminder!.body).toContain("۱۰:۰۰");
    // "لغو یا تغییر": the visit's own item in the list, where both buttons are.
    expect(reminder!.link).toBe(`/appointments#${morning.reservation.id}`);
    expect(reminder!.body).toContain(`/appointments#${morning.reservation.id}`);
  });
});

describe("reminders checked again when they are sent", () => {
  const refusing: SmsDriver = {
    name: "kavenegar",
    send: async () => undefined,
    sendCode: async () => undefined,
    transmit: async () => {
      throw new Error("kavenegar status 418: اعتبار کافی نمی‌باشد");
    },
  };
  const outbox = () => outboxDriver(db());

  /** The visit's 24 h reminder, recorded at its moment. */
  async function recordedReminder(startsAt: Date) {
    const visit = await bookedVisit(db(), startsAt);
    await recordDueReminders(db(), outOfQuietHours(new Date(startsAt.getTime() - 24 * 60 * MINUTE)));
    const [reminder] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.reference, visit.reservation.id), eq(notifications.kind, "reservation_reminder_24h")));
    if (!reminder) throw new Error("no 24 h reminder was recorded");
    return { ...visit, reminder };
  }
  const messagesOf = (notificationId: string) => db().select().from(smsOutbox).where(eq(smsOutbox.notificationId, notificationId));
  const statusOf = async (notificationId: string) =>
    (await db().select({ status: notifications.status }).from(notifications).where(eq(notifications.id, notificationId)))[0]!.status;

  it("is not sent for a visit cancelled, attended or past since it was recorded: marked skipped, left out of the inbox", async () => {
    const cancelled = await recordedReminder(at(D, "10:00"));
    const attended = await recordedReminder(at(D, "10:30"));
    const past = await recordedReminder(at(D, "11:00"));
    await cancelOwnReservation(
      db(),
      { userId: cancelled.patient.id, role: "patient" },
      { reservationId: cancelled.reservation.id },
      { fullRefundHours: 0, now: at(addDays(D, -1), "11:30") },
    );
    await db().update(reservations).set({ status: "attended" }).where(eq(reservations.id, attended.reservation.id));

    const sendAt = at(addDays(D, -1), "12:00");
    expect(await deliverNotification(db(), outbox(), cancelled.reminder.id, { now: sendAt })).toBe("skipped");
    expect(await deliverNotification(db(), outbox(), attended.reminder.id, { now: sendAt })).toBe("skipped");
    // A retry that comes only after the visit (the queue was down all night and morning).
    expect(await deliverNotification(db(), outbox(), past.reminder.id, { now: at(D, "11:05") })).toBe("skipped");
    for (const { reminder, patient } of [cancelled, attended, past]) {
      expect(await messagesOf(reminder.id)).toEqual([]);
      expect(await statusOf(reminder.id)).toBe("skipped");
      expect((await myNotifications(db(), patient.id)).map((n) => n.kind)).not.toContain("reservation_reminder_24h");
      // A repeated job for it finds it settled.
      expect(await deliverNotification(db(), outbox(), reminder.id, { now: sendAt })).toBe("skipped");
    }

    // A visit still confirmed and ahead gets its reminder.
    const kept = await recordedReminder(at(D, "12:00"));
    expect(await deliverNotification(db(), outbox(), kept.reminder.id, { now: sendAt })).toBe("sent");
    expect((await messagesOf(kept.reminder.id)).map((m) => m.status)).toEqual(["sent"]);
  });

  it("a refused reminder retried at night waits for 08:00, then goes once; one whose visit is before 08:00 is dropped", async () => {
    const visit = await recordedReminder(at(D, "10:00"));
    await expect(deliverNotification(db(), refusing, visit.reminder.id, { now: at(addDays(D, -1), "21:50") })).rejects.toThrow("418");
    // The back-off brings the retry to 23:00: nothing is handed to the provider, the job is moved to the morning.
    expect(await deliverNotification(db(), outbox(), visit.reminder.id, { now: at(addDays(D, -1), "23:00") })).toEqual({
      deferredUntil: at(D, "08:00"),
    });
    expect(await deliverNotification(db(), outbox(), visit.reminder.id, { now: at(D, "03:00") })).toEqual({
      deferredUntil: at(D, "08:00"),
    });
    expect((await messagesOf(visit.reminder.id)).map((m) => m.status)).toEqual(["failed"]);
    expect(await statusOf(visit.reminder.id)).toBe("pending");

    expect(await deliverNotification(db(), outbox(), visit.reminder.id, { now: at(D, "08:00") })).toBe("sent");
    expect((await messagesOf(visit.reminder.id)).map((m) => m.status)).toEqual(["sent"]);

    // A visit at 07:30: by 08:00 it is over, so a night retry drops its reminder instead of deferring it.
    const early = await recordedReminder(at(D, "07:30"));
    await expect(deliverNotification(db(), refusing, early.reminder.id, { now: at(addDays(D, -1), "21:50") })).rejects.toThrow();
    expect(await deliverNotification(db(), outbox(), early.reminder.id, { now: at(addDays(D, -1), "23:00") })).toBe("skipped");
    expect(await statusOf(early.reminder.id)).toBe("skipped");
  });
});
