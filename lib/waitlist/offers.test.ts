import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { runMigrations } from "graphile-worker";
import type { Db } from "@/db/client";
import { notifications, reservations, smsOutbox, timeSlots, waitlistEntries, waitlistOffers } from "@/db/schema";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { deliverNotification } from "@/lib/notifications/delivery";
import { jobTasks } from "@/lib/jobs/tasks";
import type { PaymentEngine } from "@/lib/payments/payment-engine";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import { generateSlotsAhead } from "@/lib/booking/slot-generation";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { rawRows } from "@/lib/shared/raw-rows";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { offerFreedSlot, offerJobKey } from "./offers";
import { joinWaitlist, leaveWaitlist } from "./waitlist";

/* Issue 12 §6 on a real Postgres with the queue's schema: a freed slot queues its offer job in the freeing
 * transaction; the job offers it by SMS in join order, a batch at a time, never for a taken or past slot, never
 * at night, and once per patient however many runs race. */

const { db, url } = setupTestDatabase({ realPostgres: true, poolMax: 10 });
const MINUTE = 60_000;
const FEE = 3_500_000;

beforeAll(async () => {
  await runMigrations({ connectionString: url(), logger: undefined });
});
beforeEach(async () => {
  await db().execute(sql`delete from graphile_worker._private_jobs`);
});

/** 10:00 Tehran, two days from today: daytime, and the slots below are in its future. */
const clock = tehranInstant(addDays(tehranDateKey(new Date()), 2), "10:00");
const at = (minutes: number) => new Date(clock.getTime() + minutes * MINUTE);

/** A doctor whose one slot (a day after `clock`) is closed while `count` patients join, in the order of their
 * index (created in another order, so the order is the join time's), then reopened. */
async function waitingWorld(count: number, slotStartsAt = at(24 * 60)) {
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id, { startsAt: slotStartsAt, status: "closed" });
  const patients = await Promise.all(Array.from({ length: count }, () => makePatient(db(), { balanceRial: FEE })));
  for (const i of [...patients.keys()].reverse()) {
    const joined = await joinWaitlist(db(), { userId: patients[i]!.id, role: "patient" }, { doctorId: doctor.id }, at(-60 + i));
    if (!joined.ok) throw new Error(joined.error.code);
  }
  await db().update(timeSlots).set({ status: "open" }).where(eq(timeSlots.id, slot.id));
  return { doctor, slot, patients };
}

async function offeredTo(database: Db, slotId: string) {
  const rows = await database
    .select({ recipientId: notifications.recipientId, body: notifications.body, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.kind, "waitlist_offer"))
    .orderBy(asc(notifications.createdAt));
  return rows.filter((r) => r.link === `/book/${slotId}`);
}

const offerRows = (slotId: string) => db().select().from(waitlistOffers).where(eq(waitlistOffers.slotId, slotId));

async function jobsFor(slotId: string) {
  return rawRows<{ task: string; key: string | null }>(
    db(),
    sql`select t.identifier as task, j.key from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id where j.payload->>'slotId' = ${slotId}`,
  );
}

async function book(slotId: string, patientId: string) {
  const engine = buildEngine(db(), await unreachableApiBase()).engine;
  const paid = await payFromWallet(engine, { intent: intentFor(patientId, { kind: "reservation", slotId }) });
  if (!paid.ok) throw new Error(`booking failed: ${paid.error.code}`);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return reservation!;
}

describe("offering a freed slot", () => {
  it("goes to the waiting patients in the order they joined, one batch of 3 at a time, each with a link to that slot's checkout", async () => {
    const { slot, patients } = await waitingWorld(5);
    const ids = patients.map((p) => p.id);

    expect(await offerFreedSlot(db(), slot.id, at(0))).toEqual({ next: "later", offered: 3, at: at(10), why: "next_batch" });
    expect((await offeredTo(db(), slot.id)).map((o) => o.recipientId)).toEqual(ids.slice(0, 3));
    // A run before the batch's time is up offers nothing and says when.
    expect(await offerFreedSlot(db(), slot.id, at(5))).toEqual({ next: "later", offered: 0, at: at(10), why: "next_batch" });
    expect(await offerFreedSlot(db(), slot.id, at(11))).toEqual({ next: "later", offered: 2, at: at(21), why: "next_batch" });
    expect((await offeredTo(db(), slot.id)).map((o) => o.recipientId)).toEqual(ids);
    expect(await offerFreedSlot(db(), slot.id, at(22))).toEqual({ next: "none", offered: 0, why: "nobody_waiting" });

    const [first] = await offeredTo(db(), slot.id);
    expect(first!.body).toContain(`/book/${slot.id}`);
    expect(first!.body).toContain("آزاد شد");
    expect(first!.body).toContain("دکتر آزمایشی");
    expect(await offerRows(slot.id)).toHaveLength(5);
  });

  it("is never sent for a slot already taken, closed or in the past; the patient who booked leaves the list, the others stay", async () => {
    const { slot, patients, doctor } = await waitingWorld(3);
    const reservation = await book(slot.id, patients[1]!.id);
    expect(await offerFreedSlot(db(), slot.id, at(0))).toEqual({ next: "none", offered: 0, why: "taken" });
    const entries = await db()
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.doctorId, doctor.id))
      .orderBy(asc(waitlistEntries.createdAt));
    expect(entries.map((e) => e.fulfilledAt !== null)).toEqual([false, true, false]);
    expect(reservation.patientId).toBe(patients[1]!.id);

    const closed = await makeSlot(db(), doctor.id, { startsAt: at(26 * 60), status: "closed" });
    expect(await offerFreedSlot(db(), closed.id, at(0))).toEqual({ next: "none", offered: 0, why: "closed" });
    const past = await makeSlot(db(), doctor.id, { startsAt: at(-30) });
    expect(await offerFreedSlot(db(), past.id, at(0))).toEqual({ next: "none", offered: 0, why: "past" });
    expect(await offerFreedSlot(db(), slot.id, new Date(slot.startsAt.getTime() + MINUTE))).toEqual({
      next: "none",
      offered: 0,
      why: "past",
    });
    expect(await db().select().from(waitlistOffers)).toHaveLength(0);
    expect((await db().select().from(notifications)).filter((n) => n.kind === "waitlist_offer")).toHaveLength(0);
  });

  it("waits for 08:00 when the slot frees at night, and is not sent when the slot is before the morning", async () => {
    const night = tehranInstant(addDays(tehranDateKey(new Date()), 2), "23:00");
    const morning = tehranInstant(addDays(tehranDateKey(new Date()), 3), "08:00");
    const { slot } = await waitingWorld(1, tehranInstant(addDays(tehranDateKey(new Date()), 3), "09:00"));
    expect(await offerFreedSlot(db(), slot.id, night)).toEqual({ next: "later", offered: 0, at: morning, why: "night" });
    expect(await offerFreedSlot(db(), slot.id, new Date(morning.getTime() - MINUTE))).toEqual({
      next: "later",
      offered: 0,
      at: morning,
      why: "night",
    });
    expect(await offeredTo(db(), slot.id)).toHaveLength(0);
    expect((await offerFreedSlot(db(), slot.id, morning)).offered).toBe(1);

    const early = await waitingWorld(1, tehranInstant(addDays(tehranDateKey(new Date()), 3), "07:30"));
    expect(await offerFreedSlot(db(), early.slot.id, night)).toEqual({ next: "none", offered: 0, why: "past" });
  });

  it("an offer recorded while the slot was free is dropped at send time once the slot is taken or closed, and waits for 08:00 at night", async () => {
    const outbox = outboxDriver(db());
    const offersOf = async (slotId: string) =>
      db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, "waitlist_offer"), eq(notifications.reference, slotId)));
    const send = (id: string, now: Date, offersAtNight = false) => deliverNotification(db(), outbox, id, { now, offersAtNight });

    // Taken: the first in line books before the second's SMS goes.
    const taken = await waitingWorld(2);
    expect((await offerFreedSlot(db(), taken.slot.id, at(0))).offered).toBe(2);
    await book(taken.slot.id, taken.patients[0]!.id);
    for (const offer of await offersOf(taken.slot.id)) expect(await send(offer.id, at(1))).toBe("skipped");

    // Closed by the clinic meanwhile.
    const closed = await waitingWorld(1);
    expect((await offerFreedSlot(db(), closed.slot.id, at(0))).offered).toBe(1);
    await db().update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, closed.slot.id));
    const [closedOffer] = await offersOf(closed.slot.id);
    expect(await send(closedOffer!.id, at(1))).toBe("skipped");

    // A retry that falls at night: moved to 08:00, not sent — unless the test server allows night offers.
    const night = await waitingWorld(2, at(2 * 24 * 60));
    expect((await offerFreedSlot(db(), night.slot.id, at(0))).offered).toBe(2);
    const [first, second] = await offersOf(night.slot.id);
    const at23 = tehranInstant(tehranDateKey(clock), "23:00");
    expect(await send(first!.id, at23)).toEqual({ deferredUntil: tehranInstant(addDays(tehranDateKey(clock), 1), "08:00") });
    expect(await send(second!.id, at23, true)).toBe("sent");

    const statuses = async (slotId: string) => (await offersOf(slotId)).map((n) => n.status).sort();
    expect(await statuses(taken.slot.id)).toEqual(["skipped", "skipped"]);
    expect(await statuses(closed.slot.id)).toEqual(["skipped"]);
    expect(await statuses(night.slot.id)).toEqual(["pending", "sent"]);
    const texts = (await db().select().from(smsOutbox)).map((m) => m.body);
    expect(texts.filter((b) => b.includes(taken.slot.id) || b.includes(closed.slot.id))).toEqual([]);
    expect(texts.filter((b) => b.includes(night.slot.id))).toHaveLength(1);
  });

  it("skips patients who left and patients who wait for other days", async () => {
    const { slot, patients, doctor } = await waitingWorld(2);
    const [entry] = await db().select().from(waitlistEntries).where(eq(waitlistEntries.patientId, patients[0]!.id));
    expect((await leaveWaitlist(db(), { userId: patients[0]!.id, role: "patient" }, { entryId: entry!.id })).ok).toBe(true);
    // A third patient waits only for the week after the slot's day.
    const later = await makePatient(db());
    const slotDay = tehranDateKey(slot.startsAt);
    await db()
      .insert(waitlistEntries)
      .values({ patientId: later.id, doctorId: doctor.id, fromDate: addDays(slotDay, 1), toDate: addDays(slotDay, 7) });
    expect(await offerFreedSlot(db(), slot.id, at(0))).toMatchObject({ offered: 1 });
    expect((await offeredTo(db(), slot.id)).map((o) => o.recipientId)).toEqual([patients[1]!.id]);
  });

  it("offers each patient once when two runs of the job race (a retried job, two workers)", async () => {
    const { slot } = await waitingWorld(3);
    const entries = await db().select({ id: waitlistEntries.id }).from(waitlistEntries);
    // Both runs choose their batch, then meet at the offers' insert: the entries' rows are locked meanwhile (the
    // insert's foreign key check waits for them), so both chose before either wrote.
    let runs!: Promise<unknown>[];
    await db().transaction(async (tx) => {
      await tx.select().from(waitlistEntries).for("update");
      runs = [offerFreedSlot(db(), slot.id, at(0)), offerFreedSlot(db(), slot.id, at(0))];
      await expect
        .poll(
          async () =>
            (
              await rawRows<{ n: number }>(
                db(),
                sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
              )
            )[0]!.n,
        )
        .toBe(2);
    });
    const results = (await Promise.all(runs)) as { offered: number }[];
    expect(results.map((r) => r.offered).sort()).toEqual([0, 3]);
    expect(await offerRows(slot.id)).toHaveLength(entries.length);
    expect(await offeredTo(db(), slot.id)).toHaveLength(3);
  });
});

describe("a slot that frees queues its offer in the same transaction", () => {
  it("a patient's cancellation, a reopened slot and generated hours queue one job per slot, only when someone waits", async () => {
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const booked = await makeSlot(db(), doctor.id);
    const booker = await makePatient(db(), { balanceRial: FEE });
    const reservation = await book(booked.id, booker.id);
    // Nobody waits: cancelling queues nothing.
    const closed = await makeSlot(db(), doctor.id, { status: "closed" });
    await db().update(timeSlots).set({ status: "open" }).where(eq(timeSlots.id, closed.id));
    expect(await jobsFor(closed.id)).toEqual([]);

    await db().update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, closed.id));
    const waiting = await makePatient(db());
    expect((await joinWaitlist(db(), { userId: waiting.id, role: "patient" }, { doctorId: doctor.id })).ok).toBe(true);

    // A cancellation rolled back queues nothing; the committed one queues once.
    await db()
      .transaction(async (tx) => {
        await tx.update(reservations).set({ status: "cancelled" }).where(eq(reservations.id, reservation.id));
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await jobsFor(booked.id)).toEqual([]);
    const cancelled = await cancelOwnReservation(
      db(),
      { userId: booker.id, role: "patient" },
      { reservationId: reservation.id },
      { fullRefundHours: 0 },
    );
    expect(cancelled.ok).toBe(true);
    expect(await jobsFor(booked.id)).toEqual([{ task: "offer_slot", key: offerJobKey(booked.id) }]);

    await db().update(timeSlots).set({ status: "open" }).where(eq(timeSlots.id, closed.id));
    expect(await jobsFor(closed.id)).toEqual([{ task: "offer_slot", key: offerJobKey(closed.id) }]);

    await db().execute(
      sql`insert into weekly_schedules (doctor_id, weekday, start_time, end_time, slot_minutes) values (${doctor.id}, ${new Date(at(0)).getUTCDay()}, '10:00', '10:30', 30)`,
    );
    expect(await generateSlotsAhead(db(), { days: 7, doctorIds: [doctor.id] })).toBe(1);
    const [generated] = await db()
      .select()
      .from(timeSlots)
      .where(sql`${timeSlots.id} not in (${booked.id}, ${closed.id})`);
    expect(await jobsFor(generated!.id)).toEqual([{ task: "offer_slot", key: offerJobKey(generated!.id) }]);
  });
});

describe("the offer_slot job on the queue", () => {
  it("runs when the slot frees, sends the batch's SMS, and queues itself under the same key for the next batch", async () => {
    const { slot, patients } = await waitingWorld(4);
    await db().update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, slot.id));
    await db().execute(sql`delete from graphile_worker._private_jobs`);
    const runner = await startJobRunner({
      connectionString: url(),
      embedded: false,
      concurrency: 2,
      taskList: jobTasks({ db: db(), sms: () => outboxDriver(db()), engine: () => ({}) as PaymentEngine, now: () => at(0) }),
      crontab: "",
    });
    try {
      await db().update(timeSlots).set({ status: "open" }).where(eq(timeSlots.id, slot.id));
      const phones = new Set(patients.slice(0, 3).map((p) => p.phone));
      await expect
        .poll(
          async () =>
            (await db().select().from(smsOutbox))
              .filter((m) => m.body.includes(`/book/${slot.id}`))
              .map((m) => m.phone)
              .sort(),
          { timeout: 20_000 },
        )
        .toEqual([...phones].sort());
      const next = async () =>
        rawRows<{ run_at: Date; attempts: number }>(
          db(),
          sql`select run_at, attempts from graphile_worker._private_jobs where key = ${offerJobKey(slot.id)}`,
        );
      await expect.poll(async () => (await next()).length, { timeout: 10_000 }).toBe(1);
      const [queued] = await next();
      expect([new Date(queued!.run_at).getTime(), queued!.attempts]).toEqual([at(10).getTime(), 0]);
    } finally {
      await runner.stop();
    }
    // graphile-worker closes its own connections a moment after it stops; the database is dropped after this file.
    const others = async () =>
      (
        await rawRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name <> 'postgres.js'`,
        )
      )[0]!.n;
    for (const deadline = Date.now() + 15_000; (await others()) > 0 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
  });
});
