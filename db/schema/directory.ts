import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    check("clinics_coordinates", sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`),
    check("clinics_hours_length", sql`char_length(${t.hours}) <= 300`),
  ],
);

export const specialties = pgTable("specialties", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
});

export const doctors = pgTable(
  "doctors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The doctor's own sign-in, when they have one. */
    userId: uuid("user_id").unique().references(() => users.id),
    clinicId: uuid("clinic_id").notNull().references(() => clinics.id),
    specialtyId: uuid("specialty_id").notNull().references(() => specialties.id),
    name: text("name").notNull(),
    title: text("title").notNull(),
    bio: text("bio").notNull().default(""),
    /** Name, specialty and clinic folded by lib/i18n/normalize-search for Persian text search. */
    searchText: text("search_text").notNull().default(""),
    visitFeeRial: bigint("visit_fee_rial", { mode: "number" }).notNull(),
    chatFeeRial: bigint("chat_fee_rial", { mode: "number" }).notNull(),
    takesChat: boolean("takes_chat").notNull().default(false),
    chatAnswerHours: integer("chat_answer_hours").notNull().default(24),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("doctors_specialty_idx").on(t.specialtyId),
    index("doctors_clinic_idx").on(t.clinicId),
    check("doctors_visit_fee_positive", sql`${t.visitFeeRial} > 0`),
    check("doctors_chat_fee_positive", sql`${t.chatFeeRial} > 0`),
    check("doctors_chat_answer_hours_range", sql`${t.chatAnswerHours} between 1 and 168`),
  ],
);
