import { sql } from "drizzle-orm";
import { check, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/** Sign-in codes sent, and refused for the global budget, per minute — shared by every app instance, so
 * SMS_HOURLY_BUDGET bounds the whole platform (lib/auth/sms-budget.ts sums the last 60 rows). */
export const smsBudgetMinutes = pgTable(
  "sms_budget_minutes",
  {
    /** Start of the minute (seconds and milliseconds zero). */
    minute: timestamp("minute", { withTimezone: true }).primaryKey(),
    sent: integer("sent").notNull().default(0),
    refused: integer("refused").notNull().default(0),
  },
  (t) => [check("sms_budget_minutes_counts", sql`${t.sent} >= 0 and ${t.refused} >= 0`)],
);
