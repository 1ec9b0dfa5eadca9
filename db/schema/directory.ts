import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { users } from "./users";

export const clinics = pgTable(
  "clinics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    city: text("city").notNull(),
    address: text("address").notNull(),
    phone: text("phone"),
    /** Opening hours as the clinic words them ("شنبه تا چهارشنبه ۹ تا ۱۹"). */
    hours: text("hours").notNull().default(""),
    /** Where it is, for a map link (OpenStreetMap, no key); both or neither. */
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
  },
  (t) => [
    check(
      "clinics_coordinates",
      sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`,
    ),
    check("clinics_hours_length", sql`char_length(${t.hours}) <= 300`),
  ],
);

export const specialties = pgTable("specialties", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
});

/** A doctor's photo, re-encoded to WebP in three square sizes (lib/staff/doctor-photo.ts), once per content:
 * the key is the SHA-256 of the largest size and is part of the photo's URL, so the bytes behind a URL never
 * change and browsers and CDNs may keep them for a year. In Postgres, so every app instance serves them. */
export const doctorPhotos = pgTable(
  "doctor_photos",
  {
    sha256: text("sha256").primaryKey(),
    small: bytea("small").notNull(),
    medium: bytea("medium").notNull(),
    large: bytea("large").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("doctor_photos_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    // Re-encoded sizes of at most 512 px are far below this; anything larger was not made by us.
    check(
      "doctor_photos_sizes",
      sql`octet_length(${t.small}) between 1 and 1048576 and octet_length(${t.medium}) between 1 and 1048576 and octet_length(${t.large}) between 1 and 1048576`,
    ),
  ],
);

export const doctors = pgTable(
  "doctors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The doctor's own sign-in, when they have one. */
    userId: uuid("user_id")
      .unique()
      .references(() => users.id),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    specialtyId: uuid("specialty_id")
      .notNull()
      .references(() => specialties.id),
    name: text("name").notNull(),
    title: text("title").notNull(),
    bio: text("bio").notNull().default(""),
    /** Name, specialty and clinic folded by lib/i18n/normalize-search for Persian text search. */
    searchText: text("search_text").notNull().default(""),
    visitFeeRial: bigint("visit_fee_rial", { mode: "number" }).notNull(),
    chatFeeRial: bigint("chat_fee_rial", { mode: "number" }).notNull(),
    takesChat: boolean("takes_chat").notNull().default(false),
    chatAnswerHours: integer("chat_answer_hours").notNull().default(24),
    /** Degrees and training, as the doctor words them. */
    education: text("education").notNull().default(""),
    /** Languages the doctor speaks with patients ("فارسی", "ترکی", "انگلیسی"). */
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Insurers whose coverage the doctor accepts ("تأمین اجتماعی", "سلامت"). */
    insurances: text("insurances")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Medical council number (شماره نظام پزشکی): Latin digits only, one doctor each. */
    councilNumber: text("council_number").unique("doctors_council_number_unique"),
    photoSha256: text("photo_sha256").references(() => doctorPhotos.sha256),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("doctors_specialty_idx").on(t.specialtyId),
    index("doctors_clinic_idx").on(t.clinicId),
    check("doctors_visit_fee_positive", sql`${t.visitFeeRial} > 0`),
    check("doctors_chat_fee_positive", sql`${t.chatFeeRial} > 0`),
    check("doctors_chat_answer_hours_range", sql`${t.chatAnswerHours} between 1 and 168`),
    check("doctors_council_number_digits", sql`${t.councilNumber} ~ '^[0-9]{3,8}$'`),
    check(
      "doctors_profile_lengths",
      sql`char_length(${t.name}) between 1 and 100 and char_length(${t.bio}) <= 2000 and char_length(${t.education}) <= 1000`,
    ),
    check("doctors_lists_size", sql`cardinality(${t.languages}) <= 10 and cardinality(${t.insurances}) <= 20`),
  ],
);
