import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, countDistinct, eq, gt } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing/test-db";
import { seedDemoData } from "./seed";
import { clinicMemberships, clinics, doctors, specialties, timeSlots, users, wallets } from "@/db/schema";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("demo seed", () => {
  it("creates the demo directory, accounts and two weeks of free slots, and is safe to run twice", async () => {
    const first = await seedDemoData(database.db);
    expect(first.created).toBe(true);
    expect(first.slotsAdded).toBeGreaterThan(100);
    const second = await seedDemoData(database.db);
    expect(second).toEqual({ created: false, slotsAdded: 0 });

    const [doctorCount] = await database.db.select({ n: count() }).from(doctors);
    const [specialtyCount] = await database.db.select({ n: countDistinct(doctors.specialtyId) }).from(doctors);
    expect(doctorCount!.n).toBeGreaterThanOrEqual(12);
    expect(specialtyCount!.n).toBeGreaterThanOrEqual(6);
    const [specialtyRows] = await database.db.select({ n: count() }).from(specialties);
    expect(specialtyRows!.n).toBeGreaterThanOrEqual(6);
    const roles = (await database.db.select({ role: users.role }).from(users)).map((u) => u.role).sort();
    expect(roles).toEqual(["admin", "doctor", "patient", "patient", "staff", "staff", "staff", "staff", "staff", "staff"]);
    // Two staff per clinic: a receptionist and a clinic admin.
    const team = await database.db
      .select({ clinic: clinics.name, role: clinicMemberships.role })
      .from(clinicMemberships)
      .innerJoin(clinics, eq(clinics.id, clinicMemberships.clinicId));
    const clinicNames = (await database.db.select({ name: clinics.name }).from(clinics)).map((c) => c.name);
    expect(clinicNames).toHaveLength(3);
    for (const name of clinicNames)
      expect(
        team
          .filter((m) => m.clinic === name)
          .map((m) => m.role)
          .sort(),
        name,
      ).toEqual(["clinic_admin", "receptionist"]);
    const funded = await database.db.select().from(wallets).where(gt(wallets.balanceRial, 0));
    expect(funded).toHaveLength(1);
    const [future] = await database.db.select({ n: count() }).from(timeSlots).where(gt(timeSlots.startsAt, new Date()));
    expect(future!.n).toBe(first.slotsAdded);
  });
});
