import { sql } from "drizzle-orm";
import { familyMembers, users } from "@/db/schema";
import { jalaliYear, type Sex } from "./profile-input";
import type { VisitPerson } from "./visit-for-text";

/** Columns for lists that left-join `family_members` on a reservation's or chat's `family_member_id`: whom the
 * visit is for, null when it is for the patient themself. */
export const visitForColumns = {
  forName: sql<string | null>`${familyMembers.firstName} || ' ' || ${familyMembers.lastName}`,
  forRelation: familyMembers.relation,
};

/** visitForColumns plus what the doctor and staff of the visit's clinic see of that person, for lists that also
 * join `users` as the account holder: the member's national code when the visit is for a member (a member has
 * no birth year or sex on record: the family form asks only name, national code and relation), else the
 * holder's national code, birth year and sex. Only clinic-scoped services select these. */
export const visitPersonColumns = {
  ...visitForColumns,
  personNationalCode: sql<string | null>`coalesce(${familyMembers.nationalCode}, ${users.nationalCode})`,
  personBirthYear: sql<number | null>`case when ${familyMembers.id} is null then ${users.birthYear} end`,
  personSex: sql<Sex | null>`case when ${familyMembers.id} is null then ${users.sex} end`,
};

type PersonRow = {
  forName: string | null;
  forRelation: string | null;
  personNationalCode: string | null;
  personBirthYear: number | null;
  personSex: Sex | null;
};

/** A row selected with visitPersonColumns as shown: the age in whole Jalali years (the birth year is all we
 * keep, so it may be one more than the person's birthday-exact age). */
export function visitPerson(row: PersonRow, now: Date): VisitPerson {
  return {
    forName: row.forName,
    forRelation: row.forRelation,
    nationalCode: row.personNationalCode,
    age: row.personBirthYear === null ? null : Math.max(0, jalaliYear(now) - row.personBirthYear),
    sex: row.personSex,
  };
}

/** A list row selected with visitPersonColumns, its raw person columns replaced by the person as shown. */
export function withVisitPerson<T extends PersonRow>(row: T, now: Date): Omit<T, keyof PersonRow> & VisitPerson {
  const { forName, forRelation, personNationalCode, personBirthYear, personSex, ...rest } = row;
  return { ...rest, ...visitPerson({ forName, forRelation, personNationalCode, personBirthYear, personSex }, now) };
}
