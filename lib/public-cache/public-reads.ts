import type { Database } from "@/db/client";
import { doctorProfile, type DoctorProfile } from "@/lib/directory/doctor-directory";
import { searchDirectory, type DirectorySearch, type DoctorSearchFilters } from "@/lib/directory/doctor-search";
import { doctorFreeSlots, slotDaysJson, type SlotDay } from "@/lib/directory/doctor-slots";
import { doctorReviews, type ReviewSummary } from "@/lib/reviews/reviews";
import { log } from "@/lib/shared/log";
import { taggedCache, type GetOptions, type TaggedCache } from "@/lib/shared/tagged-cache";
import { DIRECTORY_TAG, doctorTag, pagesChanged, setPagesListening } from "./page-cache";

/** What every anonymous visitor sees the same — the directory's search results, a doctor's profile, free
 * times and reviews — read once per instance and kept until a write changes it (issue 15 §1).
 *
 * Why not Next's own cache: its entries live per instance unless a shared cache handler is added, and the
 * invalidation must reach every instance within 5 s. Here the database itself says what changed: migration
 * 0017's triggers NOTIFY `public_pages` with the doctor's id on commit of any write to slots, reservations,
 * weekly hours, reviews or the doctor (every code path, present and future), and each instance LISTENs (over
 * DATABASE_DIRECT_URL behind PgBouncer). A notification arrives in milliseconds, on this instance and the
 * others alike; when the LISTEN connection was lost and comes back, everything is dropped, since what was
 * notified meanwhile was missed. Lifetimes only bound what a lost notification could leave behind; free times
 * also expire when their first slot starts. Until the LISTEN holds, nothing is kept. Checkout re-checks every
 * slot on the primary under a row lock: a stale "free" here can never sell a slot twice. */

export const PUBLIC_PAGES_CHANNEL = "public_pages";

const MINUTE = 60_000;
const LIFETIME_MS = { profile: 10 * MINUTE, reviews: 10 * MINUTE, slots: MINUTE, search: MINUTE };
/** Enough for every doctor's page and the common searches; an address naming no doctor is never kept. */
const MAX_ENTRIES = 5_000;

/** When the first of these free slots starts, and so stops being free; null when there is none. */
const firstStart = (days: SlotDay[]) => days.find((day) => day.slots.length > 0)?.slots[0]!.startsAt.getTime() ?? null;

export type PublicReads = {
  doctor(doctorId: string): Promise<DoctorProfile | null>;
  freeSlots(doctorId: string): Promise<SlotDay[] | null>;
  /** The free slots as GET /api/doctors/[id]/slots sends them (slotDaysJson), serialized. */
  freeSlotsJson(doctorId: string): Promise<{ body: string; expiresAt: number | null } | null>;
  reviews(doctorId: string): Promise<ReviewSummary>;
  search(filters: DoctorSearchFilters, page?: number): Promise<DirectorySearch>;
};

class CachedPublicReads implements PublicReads {
  private readonly cache: TaggedCache = taggedCache({ maxEntries: MAX_ENTRIES });
  private listening: Promise<boolean> | null = null;

  constructor(private readonly database: Pick<Database, "db" | "listen">) {}

  doctor(doctorId: string) {
    return this.read(`doctor:${doctorId}`, [doctorTag(doctorId)], LIFETIME_MS.profile, () => doctorProfile(this.database.db, doctorId), {
      keep: (found) => found !== null,
    });
  }

  freeSlotsJson(doctorId: string) {
    // The wire form kept too: serializing 14 days of slots was most of what a kept answer still cost.
    return this.read(
      `slots-json:${doctorId}`,
      [doctorTag(doctorId)],
      LIFETIME_MS.slots,
      async () => {
        const days = await this.freeSlots(doctorId);
        return days ? { body: JSON.stringify(slotDaysJson(days)), expiresAt: firstStart(days) } : null;
      },
      { keep: (json) => json !== null, expiresAt: (json) => json?.expiresAt ?? null },
    );
  }

  freeSlots(doctorId: string) {
    return this.read(`slots:${doctorId}`, [doctorTag(doctorId)], LIFETIME_MS.slots, () => doctorFreeSlots(this.database.db, { doctorId }), {
      keep: (days) => days !== null,
      // A slot stops being free when it starts.
      expiresAt: (days) => (days ? firstStart(days) : null),
    });
  }

  reviews(doctorId: string) {
    return this.read(`reviews:${doctorId}`, [doctorTag(doctorId)], LIFETIME_MS.reviews, () => doctorReviews(this.database.db, doctorId));
  }

  search(filters: DoctorSearchFilters, page = 1) {
    return this.read(`search:${JSON.stringify(filters)}:${page}`, [DIRECTORY_TAG], LIFETIME_MS.search, () =>
      searchDirectory(this.database.db, filters, new Date(), page),
    );
  }

  private async read<T>(
    key: string,
    tags: string[],
    ttlMs: number,
    load: () => Promise<T>,
    options: Pick<GetOptions<T>, "expiresAt" | "keep"> = {},
  ) {
    if (!(await this.listen())) return load();
    return this.cache.get(key, { tags, ttlMs, ...options }, load);
  }

  /** True once LISTEN holds; false (read through, keep nothing) while it cannot be set up. */
  private listen(): Promise<boolean> {
    this.listening ??= this.database
      .listen(
        PUBLIC_PAGES_CHANNEL,
        (payload) => this.changed(payload),
        () => {
          this.cache.clear();
          setPagesListening(true);
        },
      )
      .then(
        () => true,
        (error: unknown) => {
          log.warn("[public-cache] LISTEN public_pages failed: reading through, keeping nothing until it works", error);
          this.listening = null;
          setPagesListening(false);
          return false;
        },
      );
    return this.listening;
  }

  private changed(payload: string) {
    pagesChanged(payload);
    if (payload === "*") return this.cache.clear();
    this.cache.invalidate(doctorTag(payload));
    this.cache.invalidate(DIRECTORY_TAG);
  }
}

/** One per database handle, kept on globalThis: Next.js may load this module more than once per process, and
 * the pages and route handlers must share one cache and one LISTEN. */
const globalForReads = globalThis as unknown as { drTurnPublicReads?: WeakMap<object, CachedPublicReads> };

export function publicReads(database: Pick<Database, "db" | "listen">): PublicReads {
  const registry = (globalForReads.drTurnPublicReads ??= new WeakMap());
  let reads = registry.get(database);
  if (!reads) {
    reads = new CachedPublicReads(database);
    registry.set(database, reads);
  }
  return reads;
}
