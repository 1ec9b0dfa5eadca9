import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["patient", "doctor", "staff", "admin"]);

export const userSex = pgEnum("user_sex", ["female", "male"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Normalized Iranian mobile number: 09xxxxxxxxx; `deleted:<id>` once the account is deleted, so the
     * number is free to sign up again and the unique constraint still holds. */
    phone: text("phone").notNull().unique(),
    /** The display name (first and last joined), what every list shows; kept with the two parts it is made of. */
    name: text("name"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    /** Iranian national code (کد ملی): ten Latin digits whose check digit was validated. */
    nationalCode: text("national_code"),
    /** Jalali year of birth. */
    birthYear: integer("birth_year"),
    sex: userSex("sex"),
    role: userRole("role").notNull().default("patient"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the patient deleted the account (lib/privacy): the row stays, pseudonymous, so the payments
     * and ledger entries that reference it still add up. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "users_phone_format",
      sql`(${t.deletedAt} is null and ${t.phone} ~ '^09[0-9]{9}$') or (${t.deletedAt} is not null and ${t.phone} = 'deleted:' || ${t.id}::text and ${t.name} is null)`,
    ),
    check("users_national_code_format", sql`${t.nationalCode} ~ '^[0-9]{10}$'`),
    check("users_birth_year_range", sql`${t.birthYear} between 1280 and 1500`),
  ],
);

export const otpCodes = pgTable(
  "otp_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phone: text("phone").notNull(),
    /** SHA-256 of the code; the code itself is never stored. */
    codeHash: text("code_hash").notNull(),
    requestIp: text("request_ip").notNull(),
    wrongTries: integer("wrong_tries").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("otp_codes_phone_created_idx").on(t.phone, t.createdAt),
    index("otp_codes_ip_created_idx").on(t.requestIp, t.createdAt),
    check("otp_codes_wrong_tries_range", sql`${t.wrongTries} between 0 and 5`),
  ],
);
