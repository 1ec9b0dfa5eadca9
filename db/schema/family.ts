import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const familyRelation = pgEnum("family_relation", ["child", "spouse", "parent", "sibling", "other"]);

/** A person a patient books for (their child, parent…). Removing one only marks it removed: past visits booked
 * for them still say who they were for. */
export const familyMembers = pgTable(
  "family_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    nationalCode: text("national_code").notNull(),
    relation: familyRelation("relation").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    // The target of reservations' (family_member_id, patient_id) foreign key: a visit can only name one's own member.
    unique("family_members_id_owner_unique").on(t.id, t.ownerId),
    uniqueIndex("family_members_owner_code_live")
      .on(t.ownerId, t.nationalCode)
      .where(sql`${t.removedAt} is null`),
    index("family_members_owner_idx").on(t.ownerId),
    check("family_members_national_code_format", sql`${t.nationalCode} ~ '^[0-9]{10}$'`),
    check("family_members_names_present", sql`length(btrim(${t.firstName})) > 0 and length(btrim(${t.lastName})) > 0`),
  ],
);
