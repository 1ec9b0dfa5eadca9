import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { clinics, users } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { businessReport, weekStart } from "./business";
import { businessCsv, jalaliCsvDate } from "./business-csv";
import { parseBusinessQuery } from "./business-query";

/** The business view over the demo seed's history (lib/demo/seed-payment-history.ts), for a fixed day. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const TODAY = "2031-01-04";
const NOW = tehranInstant(TODAY, "10:00");
const range = { from: addDays(TODAY, -29), to: TODAY, groupBy: "day" as const };
const actor = async (phone: string): Promise<Actor> => {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db(), NOW);
});
afterAll(() => database.close());

describe("businessReport", () => {
  it("counts a clinic admin's clinic: bookings, cancellations, no-shows, attendance, revenue and refunds", async () => {
    const report = await businessReport(db(), await actor(DEMO_PHONES.clinicAdmin), range);
    // بوعلی: a visit cancelled by the clinic (refunded 300,000 Toman), one attended (350,000), one no-show (250,000).
    expect(report.totals).toEqual({
      bookings: 3,
      cancelled: 1,
      attended: 1,
      noShow: 1,
      attendanceRate: 0.5,
      revenueRial: 6_000_000,
      refundsRial: 3_000_000,
      chatsAnswered: 0,
      chatsExpired: 0,
    });
    expect(report.periods).toHaveLength(30);
    expect(report.periods.find((p) => p.period === addDays(TODAY, -3))).toMatchObject({ bookings: 1, noShow: 1, revenueRial: 2_500_000 });
    expect(report.doctors.map((d) => d.doctorName).sort()).toEqual(["دکتر رضا یاری", "دکتر سارا احمدی", "دکتر مریم کریمی"].sort());
  });

  it("gives the platform admin every clinic or one, a clinic admin only theirs, and refuses receptionists", async () => {
    const admin = await actor(DEMO_PHONES.admin);
    const all = await businessReport(db(), admin, range);
    expect(all.totals).toMatchObject({ bookings: 5, attended: 3, revenueRial: 11_500_000 });
    const [ekbatan] = await db().select().from(clinics).where(eq(clinics.name, "کلینیک اکباتان"));
    expect((await businessReport(db(), admin, { ...range, clinicId: ekbatan!.id })).totals).toMatchObject({
      bookings: 1,
      attended: 1,
      revenueRial: 3_300_000,
    });
    // Another clinic's id reads as a clinic with nothing in it.
    expect((await businessReport(db(), await actor(DEMO_PHONES.clinicAdmin), { ...range, clinicId: ekbatan!.id })).totals).toMatchObject({
      bookings: 0,
      revenueRial: 0,
    });
    for (const phone of [DEMO_PHONES.staff, DEMO_PHONES.doctor, DEMO_PHONES.patientWithBalance]) {
      await expect(businessReport(db(), await actor(phone), range)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("groups by Persian week (from Saturday), adding up to the same totals", async () => {
    const admin = await actor(DEMO_PHONES.admin);
    const weekly = await businessReport(db(), admin, { ...range, groupBy: "week" });
    const daily = await businessReport(db(), admin, range);
    expect(weekly.totals).toEqual(daily.totals);
    expect(weekly.periods.every((p) => new Date(`${p.period}T12:00:00Z`).getUTCDay() === 6)).toBe(true);
    expect(weekStart("2031-01-04")).toBe("2031-01-04"); // a Saturday
    expect(weekStart("2031-01-10")).toBe("2031-01-04"); // the Friday after
  });
});

describe("the CSV export", () => {
  it("opens in Excel: a byte-order mark, CRLF lines, Jalali dates and whole Toman", async () => {
    const report = await businessReport(db(), await actor(DEMO_PHONES.clinicAdmin), range);
    const csv = businessCsv(report, "درمانگاه تخصصی بوعلی");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(`گزارش کسب‌وکار دکتر نوبت,درمانگاه تخصصی بوعلی,${jalaliCsvDate(range.from)} - ${jalaliCsvDate(range.to)}`);
    expect(jalaliCsvDate(TODAY)).toBe("1409/10/14");
    expect(lines).toContain(`${jalaliCsvDate(addDays(TODAY, -3))},1,0,0,1,0,250000,0,0,0`);
    expect(lines).toContain("جمع,3,1,1,1,50,600000,300000,0,0");
    expect(lines).toContain("دکتر مریم کریمی,1,0,1,0,100,350000,0,0,0");
  });

  it("reads its range from the URL, falling back to the last 30 days for anything malformed", () => {
    expect(parseBusinessQuery({ from: "2031-01-10", to: "2031-01-01", group: "week" }, NOW)).toEqual({
      from: "2031-01-01",
      to: "2031-01-10",
      groupBy: "week",
      clinicId: undefined,
    });
    expect(parseBusinessQuery({ from: "yesterday", group: "month", clinic: "x" }, NOW)).toEqual({
      from: addDays(TODAY, -29),
      to: TODAY,
      groupBy: "day",
      clinicId: undefined,
    });
  });
});
