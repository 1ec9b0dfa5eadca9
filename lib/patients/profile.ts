import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { PersonName, ProfileInput, Sex } from "./profile-input";

export type Profile = {
  firstName: string | null;
  lastName: string | null;
  nationalCode: string | null;
  birthYear: number | null;
  sex: Sex | null;
};

export const fullName = (name: PersonName) => `${name.firstName} ${name.lastName}`;

export async function profileOf(db: Db, userId: string): Promise<Profile | null> {
  const [row] = await db
    .select({
      firstName: users.firstName,
      lastName: users.lastName,
      nationalCode: users.nationalCode,
      birthYear: users.birthYear,
      sex: users.sex,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** A booking needs the patient's first and last name (the doctor sees it); the other fields are optional. */
export const hasName = (profile: Profile | null): boolean => Boolean(profile?.firstName && profile.lastName);

/** Saves the whole profile; `name`, which every list shows, is kept as the two parts joined. */
export async function saveProfile(db: Db, userId: string, input: ProfileInput): Promise<void> {
  await db
    .update(users)
    .set({ ...input, name: fullName(input) })
    .where(eq(users.id, userId));
}

/** The name asked at a first checkout: sets only the name, leaving the rest of the profile as it was. */
export async function saveName(db: Db, userId: string, input: PersonName): Promise<void> {
  await db
    .update(users)
    .set({ firstName: input.firstName, lastName: input.lastName, name: fullName(input) })
    .where(eq(users.id, userId));
}
