import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, time, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { doctors } from "./directory";

/** A doctor's working interval on one weekday (0 = Sunday … 6 = Saturday, as in JavaScript).
 * Several intervals on one day leave the gaps between them as breaks. Times are Asia/Tehran wall time. */
export const weeklySchedules = pgTable(
  "weekly_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
  },
  (t) => [
    index("weekly_schedules_doctor_idx").on(t.doctorId),
    check("weekly_schedules_weekday_range", sql`${t.weekday} between 0 and 6`),
    check("weekly_schedules_interval_order", sql`${t.startTime} < ${t.endTime}`),
    check("weekly_schedules_slot_minutes_range", sql`${t.slotMinutes} between 5 and 240`),
  ],
);

export const slotStatus = pgEnum("slot_status", ["open", "closed"]);

export const timeSlots = pgTable(
  "time_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: slotStatus("status").notNull().default("open"),
  },
  (t) => [
    unique("time_slots_doctor_start_unique").on(t.doctorId, t.startsAt),
    index("time_slots_starts_idx").on(t.startsAt),
    check("time_slots_interval_order", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);
