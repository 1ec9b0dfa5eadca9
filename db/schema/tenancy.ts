import { index, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./directory";
import { users } from "./users";

/** What a staff member may do in one clinic: a receptionist runs the day (appointments, schedules, payments,
 * refunds); a clinic admin also reads the clinic's monitoring and audit trail. The platform's `admin` role is
 * not a membership: it spans every clinic. */
export const clinicRole = pgEnum("clinic_role", ["receptionist", "clinic_admin"]);

/** Which clinics a `staff` user works for. A staff user sees and touches only these clinics' doctors,
 * appointments, payments and chats; with none they see nothing. */
export const clinicMemberships = pgTable(
  "clinic_memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id, { onDelete: "cascade" }),
    role: clinicRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "clinic_memberships_pk", columns: [t.userId, t.clinicId] }),
    index("clinic_memberships_clinic_idx").on(t.clinicId),
  ],
);
