import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, specialties, timeSlots } from "@/db/schema";
import { seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { tehranInstant } from "@/lib/time/tehran";
import { doctorSearchText } from "./doctor-directory";
import {
  doctorSearchFilters,
  doctorSearchHref,
  doctorSearchPageHref,
  SEARCH_PAGE_SIZE,
  searchDirectory,
  searchDoctors,
  searchPageParam,
} from "./doctor-search";

// A Monday morning in Tehran: every demo doctor works Saturday to Wednesday, 09:00–12:00.
const NOW = tehranInstant("2025-01-06", "08:00");
const END_OF_TODAY = tehranInstant("2025-01-07", "00:00");
const END_OF_WEEK = tehranInstant("2025-01-11", "00:00"); // Saturday starts the next Persian week

const PEDIATRICS = ["دکتر سارا احمدی", "دکتر کیوان یگانه"];
const EKBATAN = ["دکتر بهرام کرمی", "دکتر شیما کریمیان", "دکتر علی رضایی", "دکتر مهسا نیک‌پور", "دکتر نرگس موسوی"];
/** Added by the test: a clinic with digits in its name, and no schedule at all. */
const NO_SLOTS_DOCTOR = "دکتر آرش نوری";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const ids = { specialty: new Map<string, string>(), clinic: new Map<string, string>(), doctor: new Map<string, string>() };

const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();
const search = (query: Record<string, string>) => searchDoctors(db, doctorSearchFilters.parse(query), NOW);

async function closeSlotsBefore(doctorName: string, until: Date) {
  await db
    .update(timeSlots)
    .set({ status: "closed" })
    .where(and(eq(timeSlots.doctorId, ids.doctor.get(doctorName)!), lt(timeSlots.startsAt, until)));
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoData(db, NOW);
  for (const row of await db.select().from(specialties)) ids.specialty.set(row.name, row.id);
  for (const row of await db.select().from(clinics)) ids.clinic.set(row.name, row.id);

  const [clinic] = await db
    .insert(clinics)
    .values({ name: "درمانگاه ۱۷ شهریور", city: "همدان", address: "همدان، خیابان ۱۷ شهریور" })
    .returning();
  await db.insert(doctors).values({
    clinicId: clinic!.id,
    specialtyId: ids.specialty.get("داخلی")!,
    name: NO_SLOTS_DOCTOR,
    title: "متخصص داخلی",
    searchText: doctorSearchText({ name: NO_SLOTS_DOCTOR, specialty: "داخلی", clinic: clinic!.name }),
    visitFeeRial: 2_000_000,
    chatFeeRial: 800_000,
  });
  for (const row of await db.select().from(doctors)) ids.doctor.set(row.name, row.id);

  await closeSlotsBefore("دکتر سارا احمدی", END_OF_TODAY); // free later this week, not today
  await closeSlotsBefore("دکتر علی رضایی", END_OF_WEEK); // free only next week
});
afterAll(() => database.close());

describe("searchDoctors", () => {
  it("without filters lists every doctor, the soonest free first and those without free time last", async () => {
    const found = await searchDoctors(db, {}, NOW);
    expect(found).toHaveLength(ids.doctor.size);
    expect(found.at(-1)).toMatchObject({ name: NO_SLOTS_DOCTOR, nextFreeAt: null });
    const times = found.slice(0, -1).map((doctor) => doctor.nextFreeAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime());
    expect(found.find((doctor) => doctor.name === "دکتر مریم کریمی")).toMatchObject({
      specialty: "قلب و عروق",
      clinic: "درمانگاه تخصصی بوعلی",
      city: "همدان",
      visitFeeRial: 3_500_000,
      takesChat: true,
    });
  });

  it("finds a doctor by name, and by part of a name", async () => {
    expect(names(await search({ q: "مریم کریمی" }))).toEqual(["دکتر مریم کریمی"]);
    expect(names(await search({ q: "کریمی" }))).toEqual(["دکتر شیما کریمیان", "دکتر مریم کریمی"]);
  });

  it("finds doctors by specialty, however the compound word is spaced", async () => {
    expect(names(await search({ q: "اطفال" }))).toEqual(PEDIATRICS);
    const ophthalmology = ["دکتر حمید شریفی", "دکتر فاطمه کیانی"];
    expect(names(await search({ q: "چشم‌پزشکی" }))).toEqual(ophthalmology);
    expect(names(await search({ q: "چشم پزشکی" }))).toEqual(ophthalmology);
    expect(names(await search({ q: "چشمپزشکی" }))).toEqual(ophthalmology);
  });

  it("finds doctors by clinic", async () => {
    expect(names(await search({ q: "اکباتان" }))).toEqual(EKBATAN);
    expect(names(await search({ q: "کلینیک اکباتان قلب" }))).toEqual(["دکتر علی رضایی"]);
  });

  it("matches a name typed with Arabic ي and ك", async () => {
    const arabicKeivan = "\u0643\u064A\u0648\u0627\u0646 \u064A\u06AF\u0627\u0646\u0647"; // كيوان يگانه
    const arabicMaleki = "\u0645\u0644\u0643\u064A"; // ملكي
    expect(arabicKeivan).not.toContain("ی");
    expect(names(await search({ q: arabicKeivan }))).toEqual(["دکتر کیوان یگانه"]);
    expect(names(await search({ q: `دكتر ${arabicMaleki}` }))).toEqual(["دکتر یاسمن ملکی"]);
  });

  it("matches digits typed in Persian, Arabic-Indic or Latin form", async () => {
    for (const q of ["۱۷ شهریور", "17 شهریور", "١٧", "17"]) {
      expect(names(await search({ q })), q).toEqual([NO_SLOTS_DOCTOR]);
    }
  });

  it("filters by specialty and by clinic", async () => {
    expect(names(await search({ specialty: ids.specialty.get("اطفال")! }))).toEqual(PEDIATRICS);
    expect(names(await search({ clinic: ids.clinic.get("کلینیک اکباتان")! }))).toEqual(EKBATAN);
    const both = { specialty: ids.specialty.get("قلب و عروق")!, clinic: ids.clinic.get("کلینیک اکباتان")! };
    expect(names(await search(both))).toEqual(["دکتر علی رضایی"]);
  });

  it("filters to doctors who take chat consultations", async () => {
    const found = await search({ chat: "1" });
    const expected = (await db.select().from(doctors).where(eq(doctors.takesChat, true))).map((d) => d.name).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(names(found)).toEqual(expected);
  });

  it("filters to doctors with free time today", async () => {
    const found = await search({ free: "today" });
    expect(found.length).toBeGreaterThan(0);
    for (const doctor of found) expect(doctor.nextFreeAt!.getTime()).toBeLessThan(END_OF_TODAY.getTime());
    expect(names(found)).not.toContain("دکتر سارا احمدی");
    expect(names(found)).not.toContain("دکتر علی رضایی");
    expect(names(found)).not.toContain(NO_SLOTS_DOCTOR);
    expect(found).toHaveLength(ids.doctor.size - 3);
  });

  it("filters to doctors with free time before the Persian week ends", async () => {
    const found = await search({ free: "week" });
    for (const doctor of found) expect(doctor.nextFreeAt!.getTime()).toBeLessThan(END_OF_WEEK.getTime());
    expect(names(found)).toContain("دکتر سارا احمدی");
    expect(names(found)).not.toContain("دکتر علی رضایی");
    expect(found).toHaveLength(ids.doctor.size - 2);
  });

  it("combines text, filters and free time", async () => {
    expect(names(await search({ q: "اطفال", free: "today" }))).toEqual(["دکتر کیوان یگانه"]);
    expect(names(await search({ specialty: ids.specialty.get("اطفال")!, free: "week", chat: "1" }))).toEqual(PEDIATRICS);
  });

  it("finds nobody for a query no doctor matches", async () => {
    expect(await search({ q: "ناموجود" })).toEqual([]);
  });
});

describe("searchDirectory", () => {
  it("explains an empty result by what each active filter's removal would find", async () => {
    const filters = doctorSearchFilters.parse({
      specialty: ids.specialty.get("اطفال")!,
      clinic: ids.clinic.get("کلینیک اکباتان")!,
    });
    expect(await searchDirectory(db, filters, NOW)).toMatchObject({
      doctors: [],
      relaxations: [
        { filter: "specialty", count: EKBATAN.length },
        { filter: "clinic", count: PEDIATRICS.length },
      ],
    });
    const typo = await searchDirectory(db, doctorSearchFilters.parse({ q: "ناموجود", chat: "1" }), NOW);
    expect(typo.relaxations).toEqual([
      { filter: "q", count: expect.any(Number) },
      { filter: "chat", count: 0 },
    ]);
  });

  it("suggests nothing when the search finds doctors, and lists the filter choices in Persian order", async () => {
    const result = await searchDirectory(db, doctorSearchFilters.parse({ q: "اطفال" }), NOW);
    expect(names(result.doctors)).toEqual(PEDIATRICS);
    expect(result.relaxations).toEqual([]);
    // In code-point order پ and چ would come after ق.
    expect(result.facets.specialties.map((s) => s.name)).toEqual([
      "ارتوپدی",
      "اطفال",
      "پوست و مو",
      "چشم‌پزشکی",
      "داخلی",
      "زنان و زایمان",
      "قلب و عروق",
      "گوش، حلق و بینی",
    ]);
    expect(result.facets.clinics.map((c) => c.name)).toContain("کلینیک اکباتان");
  });
});

describe("doctorSearchFilters", () => {
  it("drops malformed or blank parameters instead of failing, and takes the first of repeated ones", () => {
    expect(
      doctorSearchFilters.parse({ q: ["  قلب ", "اطفال"], specialty: "not-a-uuid", clinic: "", free: "tomorrow", chat: "yes" }),
    ).toEqual({ q: "قلب", specialty: undefined, clinic: undefined, free: undefined, chat: false });
    expect(doctorSearchFilters.parse({ q: "x".repeat(500) }).q).toHaveLength(100);
  });

  it("round-trips through the shareable address", () => {
    const filters = doctorSearchFilters.parse({
      q: "دکتر کریمی",
      specialty: "3f1c2a4e-9b7d-4c1a-8e2f-1a2b3c4d5e6f",
      free: "week",
      chat: "1",
    });
    const href = doctorSearchHref(filters);
    expect(href.startsWith("/doctors?")).toBe(true);
    expect(doctorSearchFilters.parse(Object.fromEntries(new URL(href, "http://localhost").searchParams))).toEqual(filters);
    expect(doctorSearchHref({})).toBe("/doctors");
  });
});

describe("pages of results", () => {
  it("shows SEARCH_PAGE_SIZE doctors a page, each doctor on exactly one page, and a page past the last shows the last", async () => {
    const [clinic] = await db.insert(clinics).values({ name: "کلینیک صفحه‌ها", city: "همدان", address: "همدان، خیابان بوعلی" }).returning();
    const many = Array.from({ length: SEARCH_PAGE_SIZE + 3 }, (_, i) => `دکتر آزمون ${String(i).padStart(2, "0")}`);
    await db.insert(doctors).values(
      many.map((name) => ({
        clinicId: clinic!.id,
        specialtyId: ids.specialty.get("داخلی")!,
        name,
        title: "متخصص داخلی",
        searchText: doctorSearchText({ name, specialty: "داخلی", clinic: clinic!.name }),
        visitFeeRial: 2_000_000,
        chatFeeRial: 800_000,
      })),
    );
    const filters = doctorSearchFilters.parse({ clinic: clinic!.id });
    const first = await searchDirectory(db, filters, NOW, 1);
    expect(first).toMatchObject({ total: many.length, page: 1, pageCount: 2 });
    expect(first.doctors).toHaveLength(SEARCH_PAGE_SIZE);
    const second = await searchDirectory(db, filters, NOW, 2);
    expect(second).toMatchObject({ total: many.length, page: 2, pageCount: 2, relaxations: [] });
    expect(second.doctors).toHaveLength(3);
    expect(names([...first.doctors, ...second.doctors])).toEqual([...many].sort());
    expect((await searchDirectory(db, filters, NOW, 9)).doctors).toEqual(second.doctors);
    expect(doctorSearchPageHref(filters, 2)).toBe(`/doctors?clinic=${clinic!.id}&page=2`);
    expect(doctorSearchPageHref({}, 2)).toBe("/doctors?page=2");
    expect(doctorSearchPageHref(filters, 1)).toBe(`/doctors?clinic=${clinic!.id}`);
    expect(searchPageParam.parse("2")).toBe(2);
    for (const bad of ["0", "-1", "x", "1.5", ""]) expect(searchPageParam.parse(bad)).toBeUndefined();
  });
});
