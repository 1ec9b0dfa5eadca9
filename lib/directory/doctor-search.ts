import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { clinics, doctors, specialties, timeSlots } from "@/db/schema";
import { normalizePersian } from "@/lib/i18n/normalize";
import { stripUnsafeChars } from "@/lib/shared/client-text";
import { addDays, tehranDateKey, tehranInstant, weekdayOf } from "@/lib/time/tehran";
import { SEARCH_FILTER_KEYS, SEARCH_PAGE_PARAM, type SearchFilterKey } from "./search-filter-keys";
import { directoryFacets, slotIsFree, type DirectoryFacets, type DoctorSummary } from "./doctor-directory";

const MAX_QUERY_LENGTH = 100;
const SATURDAY = 6;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blankToUndefined = (value: unknown) => {
  const first = firstValue(value);
  return typeof first === "string" && first.trim() === "" ? undefined : first;
};
/** A malformed parameter (an old or hand-edited link) drops that one filter instead of failing the page. */
const param = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).catch(undefined);

/** The directory's filters as they travel in the query string. */
export const doctorSearchFilters = z.object({
  // Cut first, clean after: the cut may split a surrogate pair, and the cleaning drops the half left over.
  q: param(z.string().transform((q) => stripUnsafeChars(q.trim().slice(0, MAX_QUERY_LENGTH)).trim())),
  specialty: param(z.uuid()),
  clinic: param(z.uuid()),
  free: param(z.enum(["today", "week"])),
  chat: param(z.literal("1")).transform((chat) => chat === "1"),
  // Exactly the names proxy.ts keys cached search pages by: a filter missing or added here fails to compile.
} satisfies Record<SearchFilterKey, z.ZodType>);

export type DoctorSearchFilters = z.infer<typeof doctorSearchFilters>;
export type { SearchFilterKey };

export function activeFilters(filters: Partial<DoctorSearchFilters>): SearchFilterKey[] {
  return SEARCH_FILTER_KEYS.filter((key) => Boolean(filters[key]));
}

export function withoutFilter(filters: Partial<DoctorSearchFilters>, key: SearchFilterKey): Partial<DoctorSearchFilters> {
  const rest = { ...filters };
  delete rest[key];
  return rest;
}

/** The shareable address of a search; the inverse of parsing it with doctorSearchFilters. */
export function doctorSearchHref(filters: Partial<DoctorSearchFilters>): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.specialty) params.set("specialty", filters.specialty);
  if (filters.clinic) params.set("clinic", filters.clinic);
  if (filters.free) params.set("free", filters.free);
  if (filters.chat) params.set("chat", "1");
  const query = params.toString();
  return query ? `/doctors?${query}` : "/doctors";
}

/** End of the window a "free time" filter asks about: the end of today, or of the Persian week (Saturday to
 * Friday) in Tehran. */
function freeTimeUntil(free: "today" | "week", now: Date): Date {
  const today = tehranDateKey(now);
  const daysLeft = free === "today" ? 1 : (SATURDAY - weekdayOf(today) + 7) % 7 || 7;
  return tehranInstant(addDays(today, daysLeft), "00:00");
}

function nextFreeSlots(db: Db, now: Date) {
  return db
    .select({
      doctorId: timeSlots.doctorId,
      nextFreeAt: sql<Date>`min(${timeSlots.startsAt})`.mapWith(timeSlots.startsAt).as("next_free_at"),
    })
    .from(timeSlots)
    .where(slotIsFree(now))
    .groupBy(timeSlots.doctorId)
    .as("next_free");
}

/** Doctors matching every given filter, the soonest free first. The query matches when each of its words
 * appears in the doctor's name, specialty or clinic; spaces are ignored on both sides, because the same compound
 * is written with a space, a zero-width non-joiner or nothing (چشم‌پزشکی, چشم پزشکی, چشمپزشکی). */
/** Doctors per page of results: a phone shows them one under another, and the page stays small enough to keep
 * and send compressed (500 doctors on one page were 1.4 MB of HTML). */
export const SEARCH_PAGE_SIZE = 20;

/** `?page=` as it travels in the query string: a page number, 1 when absent or malformed. */
export const searchPageParam = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).optional()).catch(undefined);

/** How many doctors the search finds, for its count and its pages. */
export async function countDoctors(db: Db, filters: Partial<DoctorSearchFilters>, now = new Date()): Promise<number> {
  const nextFree = nextFreeSlots(db, now);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(doctors)
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .leftJoin(nextFree, eq(nextFree.doctorId, doctors.id))
    .where(and(...searchConditions(filters, nextFree, now)));
  return row?.n ?? 0;
}

function searchConditions(
  filters: Partial<DoctorSearchFilters>,
  nextFree: ReturnType<typeof nextFreeSlots>,
  now: Date,
): (SQL | undefined)[] {
  const words = normalizePersian(filters.q ?? "")
    .split(" ")
    .filter(Boolean);
  return [
    ...words.map((word) => sql`strpos(replace(${doctors.searchText}, ' ', ''), ${word}) > 0`),
    filters.specialty ? eq(doctors.specialtyId, filters.specialty) : undefined,
    filters.clinic ? eq(doctors.clinicId, filters.clinic) : undefined,
    filters.free ? sql`${nextFree.nextFreeAt} < ${freeTimeUntil(filters.free, now).toISOString()}::timestamptz` : undefined,
    filters.chat ? eq(doctors.takesChat, true) : undefined,
  ];
}

/** The doctors a search finds, soonest free time first; `page` (with SEARCH_PAGE_SIZE) takes one page of them. */
export async function searchDoctors(
  db: Db,
  filters: Partial<DoctorSearchFilters>,
  now = new Date(),
  page?: { number: number; size: number },
): Promise<DoctorSummary[]> {
  const nextFree = nextFreeSlots(db, now);
  const conditions = searchConditions(filters, nextFree, now);
  const query = db
    .select({
      id: doctors.id,
      name: doctors.name,
      title: doctors.title,
      specialty: specialties.name,
      clinic: clinics.name,
      city: clinics.city,
      visitFeeRial: doctors.visitFeeRial,
      chatFeeRial: doctors.chatFeeRial,
      takesChat: doctors.takesChat,
      nextFreeAt: nextFree.nextFreeAt,
      // Visible reviews only; every one is from an attended visit (reviews_attended_visit_only).
      rating: sql<
        number | null
      >`(select avg(rv.overall)::float8 from reviews rv where rv.doctor_id = ${doctors.id} and rv.hidden_at is null)`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      reviewCount: sql<number>`(select count(*)::int from reviews rv where rv.doctor_id = ${doctors.id} and rv.hidden_at is null)`.mapWith(
        Number,
      ),
      languages: doctors.languages,
      insurances: doctors.insurances,
      photoSha256: doctors.photoSha256,
    })
    .from(doctors)
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .leftJoin(nextFree, eq(nextFree.doctorId, doctors.id))
    .where(and(...conditions))
    // The id last: a page boundary between two doctors of one name and free time stays where it was.
    .orderBy(sql`${nextFree.nextFreeAt} asc nulls last`, asc(doctors.name), asc(doctors.id));
  return page ? query.limit(page.size).offset((page.number - 1) * page.size) : query;
}

export type DirectorySearch = {
  facets: DirectoryFacets;
  /** One page of the doctors found. */
  doctors: DoctorSummary[];
  /** All the doctors found, and the page shown (1-based; a page past the last shows the last). */
  total: number;
  page: number;
  pageCount: number;
  /** Only when no doctor was found: for each active filter, how many doctors the search finds without it. */
  relaxations: { filter: SearchFilterKey; count: number }[];
};

/** Everything a directory page shows: the filter choices, the doctors found and, when there are none, which
 * filter to drop to find someone. */
export async function searchDirectory(db: Db, filters: DoctorSearchFilters, now = new Date(), askedPage = 1): Promise<DirectorySearch> {
  const [facets, total] = await Promise.all([directoryFacets(db), countDoctors(db, filters, now)]);
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const page = Math.min(Math.max(1, askedPage), pageCount);
  const doctors = total > 0 ? await searchDoctors(db, filters, now, { number: page, size: SEARCH_PAGE_SIZE }) : [];
  if (doctors.length > 0) return { facets, doctors, total, page, pageCount, relaxations: [] };
  const relaxations = await Promise.all(
    activeFilters(filters).map(async (filter) => ({ filter, count: await countDoctors(db, withoutFilter(filters, filter), now) })),
  );
  return { facets, doctors, total, page, pageCount, relaxations: relaxations.sort((a, b) => b.count - a.count) };
}

/** The address of one page of a search's results. */
export function doctorSearchPageHref(filters: Partial<DoctorSearchFilters>, page: number): string {
  const href = doctorSearchHref(filters);
  if (page <= 1) return href;
  return `${href}${href.includes("?") ? "&" : "?"}${SEARCH_PAGE_PARAM}=${page}`;
}
