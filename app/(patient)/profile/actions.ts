"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ProfileFormState } from "@/components/patients/profile-forms";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { addMember, removeMember, updateMember, type FamilyError } from "@/lib/patients/family";
import { saveProfile } from "@/lib/patients/profile";
import { parseMember, parseProfile } from "@/lib/patients/profile-input";
import { log } from "@/lib/shared/log";

const t = messages.profile;
// Bounded only against abuse: parseProfile/parseMember say what each field may be. React's own fields of a
// form posted with an action ($ACTION_…) are not the person's.
const textFields = z.preprocess(
  (form) => Object.fromEntries(Object.entries(form as Record<string, unknown>).filter(([key]) => !key.startsWith("$"))),
  z.record(z.string(), z.string().max(200)),
);
const memberIdForm = z.object({ memberId: z.uuid({ error: t.errors.memberNotFound }) });

const profileError = (message: string): ProfileFormState => ({ error: message });
const familyErrorMessage = (error: FamilyError) => (error.code === "member_duplicate" ? t.errors.memberDuplicate : t.errors.memberNotFound);

export const saveProfileAction = validatedActionWithUser(
  { name: "profile.save", schema: textFields, error: profileError },
  async (values, user): Promise<ProfileFormState> => {
    const parsed = parseProfile(values);
    if (!parsed.ok) {
      log.info(`[profile] user ${user.userId} profile refused: ${Object.keys(parsed.error.fieldErrors).join(", ")}`);
      return { fieldErrors: parsed.error.fieldErrors, values };
    }
    await saveProfile(db(), user.userId, parsed.value);
    revalidatePath("/profile");
    return { done: t.saved, values };
  },
);

export const saveMemberAction = validatedActionWithUser(
  { name: "profile.save-member", schema: textFields, error: profileError },
  async (values, user): Promise<ProfileFormState> => {
    const parsed = parseMember(values);
    if (!parsed.ok) {
      log.info(`[family] user ${user.userId} member refused: ${Object.keys(parsed.error.fieldErrors).join(", ")}`);
      return { fieldErrors: parsed.error.fieldErrors, values };
    }
    const memberId = values.memberId ? memberIdForm.safeParse(values) : null;
    if (memberId && !memberId.success) return profileError(t.errors.memberNotFound);
    const saved = memberId?.success
      ? await updateMember(db(), user.userId, memberId.data.memberId, parsed.value)
      : await addMember(db(), user.userId, parsed.value);
    if (!saved.ok) {
      log.info(`[family] user ${user.userId} member ${values.memberId ?? "(new)"} not saved: ${saved.error.code}`);
      return { error: familyErrorMessage(saved.error), values };
    }
    revalidatePath("/profile");
    // A new member's form starts empty again; an edited one shows what was saved.
    return memberId ? { done: t.memberSaved, values } : { done: t.memberAdded };
  },
);

export const removeMemberAction = validatedActionWithUser(
  { name: "profile.remove-member", schema: memberIdForm, error: profileError, invalid: () => profileError(t.errors.memberNotFound) },
  async ({ memberId }, user) => {
    const removed = await removeMember(db(), user.userId, memberId);
    if (!removed.ok) {
      log.info(`[family] user ${user.userId} could not remove member ${memberId}: ${removed.error.code}`);
      return profileError(familyErrorMessage(removed.error));
    }
    revalidatePath("/profile");
    return { done: t.memberRemoved };
  },
);
