import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-db";
import { clinics, doctors, reservations, timeSlots } from "@/db/schema";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { doctorSearchFilters } from "@/lib/directory/doctor-search";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { publicReads } from "./public-reads";

/** The public pages' cache against the real triggers and LISTEN (PGlite in-process, Postgres with
 * DATABASE_URL): a value is kept until a committed write changes it, whichever code path wrote. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** Reads until `done` holds (a notification takes a moment after the commit), at most 3 s. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const freeIds = (days: Awaited<ReturnType<ReturnType<typeof publicReads>["freeSlots"]>>) =>
  (days ?? []).flatMap((day) => day.slots.map((slot) => slot.id));

it("keeps a doctor's free times until a booking, a cancellation or a closed slot commits", async () => {
  const db = database.db;
  const reads = publicReads(database);
  const doctor = await makeDoctor(db, { visitFeeRial: 2_000_000 });
  const [first, second] = [await makeSlot(db, doctor.id), await makeSlot(db, doctor.id)];
  const patient = await makePatient(db, { balanceRial: 10_000_000 });

  const before = await reads.freeSlots(doctor.id);
  expect(freeIds(before)).toEqual([first.id, second.id]);
  // Kept: the second visitor gets the very same value, without a query.
  expect(await reads.freeSlots(doctor.id)).toBe(before);

  const engine = buildEngine(db, await unreachableApiBase()).engine;
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: first.id }) });
  expect(paid.ok).toBe(true);
  expect(
    freeIds(
      await eventually(
        () => reads.freeSlots(doctor.id),
        (days) => !freeIds(days).includes(first.id),
      ),
    ),
  ).toEqual([second.id]);

  const [reservation] = await db.select().from(reservations).where(eq(reservations.slotId, first.id));
  const cancelled = await cancelOwnReservation(
    db,
    { userId: patient.id, role: "patient" },
    { reservationId: reservation!.id, expectedRefundRial: 2_000_000 },
    { fullRefundHours: 0 },
  );
  expect(cancelled.ok).toBe(true);
  expect(
    freeIds(
      await eventually(
        () => reads.freeSlots(doctor.id),
        (days) => freeIds(days).includes(first.id),
      ),
    ),
  ).toEqual([first.id, second.id]);

  await db.update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, second.id));
  expect(
    freeIds(
      await eventually(
        () => reads.freeSlots(doctor.id),
        (days) => !freeIds(days).includes(second.id),
      ),
    ),
  ).toEqual([first.id]);
});

it("shows a profile edit and a renamed clinic on the doctor's page and in search", async () => {
  const db = database.db;
  const reads = publicReads(database);
  const doctor = await makeDoctor(db);
  await makeSlot(db, doctor.id);
  const filters = doctorSearchFilters.parse({});

  expect((await reads.doctor(doctor.id))?.name).toBe("دکتر آزمایشی");
  const listed = await reads.search(filters);
  expect(listed.doctors.map((d) => d.id)).toContain(doctor.id);
  expect(await reads.search(filters)).toBe(listed);

  await db.update(doctors).set({ name: "دکتر ویرایش‌شده" }).where(eq(doctors.id, doctor.id));
  expect(
    (
      await eventually(
        () => reads.doctor(doctor.id),
        (d) => d?.name === "دکتر ویرایش‌شده",
      )
    )?.name,
  ).toBe("دکتر ویرایش‌شده");
  const renamed = await eventually(
    () => reads.search(filters),
    (found) => found.doctors.some((d) => d.name === "دکتر ویرایش‌شده"),
  );
  expect(renamed.doctors.find((d) => d.id === doctor.id)?.name).toBe("دکتر ویرایش‌شده");

  await db.update(clinics).set({ name: "درمانگاه تازه" }).where(eq(clinics.id, doctor.clinicId));
  expect(
    (
      await eventually(
        () => reads.doctor(doctor.id),
        (d) => d?.clinic.name === "درمانگاه تازه",
      )
    )?.clinic.name,
  ).toBe("درمانگاه تازه");
  expect(await reads.doctor(randomUUID())).toBeNull();
});
