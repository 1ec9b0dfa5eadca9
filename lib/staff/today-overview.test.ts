import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing/test-db";
import { seedDemoData, DEMO_PHONES } from "@/db/seed";
import { users } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { todayOverview } from "./today-overview";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db);
  for (const [key, phone] of Object.entries(DEMO_PHONES)) {
    const [user] = await database.db.select().from(users).where(eq(users.phone, phone));
    actors[key] = { userId: user!.id, role: user!.role };
  }
});
afterAll(() => database.close());

describe("staff data access", () => {
  it("answers staff and admins", async () => {
    await expect(todayOverview(database.db, actors.staff!)).resolves.toMatchObject({ appointmentsToday: 0 });
    await expect(todayOverview(database.db, actors.admin!)).resolves.toMatchObject({ paymentsToday: 0 });
  });

  it("gives a patient, a doctor and an anonymous caller nothing", async () => {
    await expect(todayOverview(database.db, actors.patientWithBalance!)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(todayOverview(database.db, actors.doctor!)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(todayOverview(database.db, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
