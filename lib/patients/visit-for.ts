import { sql } from "drizzle-orm";
import { familyMembers } from "@/db/schema";

/** Columns for lists that left-join `family_members` on a reservation's or chat's `family_member_id`: whom the
 * visit is for, null when it is for the patient themself. */
export const visitForColumns = {
  forName: sql<string | null>`${familyMembers.firstName} || ' ' || ${familyMembers.lastName}`,
  forRelation: familyMembers.relation,
};
