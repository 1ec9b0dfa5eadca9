"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ProfileFormState } from "@/components/patients/profile-forms";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { addMember, removeMember, updateMember, type FamilyError } from "@/lib/patients/family";
import { saveProfile } from "@/lib/patients/profile";
import { parseMember, parseProfile } from "@/lib/patients/profile-input";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.profile;
// Bounded only against abuse: parseProfile/parseMember say what each field may be.
const textFields = z.record(z.string(), z.string().max(200));
const memberIdForm = z.object({ memberId: z.uuid() });

const familyErrorMessage = (error: FamilyError) => (error.code === "member_duplicate" ? t.errors.memberDuplicate : t.errors.memberNotFound);

function formValues(formData: FormData): Record<string, string> | null {
  // formEntries: cleaned text fields of a real form; anything else (an action is a public endpoint) reads as empty.
  const parsed = textFields.safeParse(Object.fromEntries(Object.entries(formEntries(formData)).filter(([key]) => !key.startsWith("$"))));
  return parsed.success ? parsed.data : null;
}

export async function saveProfileAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await currentUser();
  if (!user) return { error: messages.chat.ask.sessionExpired };
  const values = formValues(formData);
  if (!values) return { error: messages.common.genericError };
  const parsed = parseProfile(values);
  if (!parsed.ok) {
    console.info(`[profile] user ${user.userId} profile refused: ${Object.keys(parsed.error.fieldErrors).join(", ")}`);
    return { fieldErrors: parsed.error.fieldErrors, values };
  }
  await saveProfile(db(), user.userId, parsed.value);
  revalidatePath("/profile");
  return { done: t.saved, values };
}

export async function saveMemberAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await currentUser();
  if (!user) return { error: messages.chat.ask.sessionExpired };
  const values = formValues(formData);
  if (!values) return { error: messages.common.genericError };
  const parsed = parseMember(values);
  if (!parsed.ok) {
    console.info(`[family] user ${user.userId} member refused: ${Object.keys(parsed.error.fieldErrors).join(", ")}`);
    return { fieldErrors: parsed.error.fieldErrors, values };
  }
  const memberId = values.memberId ? memberIdForm.safeParse(values) : null;
  if (memberId && !memberId.success) return { error: t.errors.memberNotFound };
  const saved = memberId?.success
    ? await updateMember(db(), user.userId, memberId.data.memberId, parsed.value)
    : await addMember(db(), user.userId, parsed.value);
  if (!saved.ok) {
    console.info(`[family] user ${user.userId} member ${values.memberId ?? "(new)"} not saved: ${saved.error.code}`);
    return { error: familyErrorMessage(saved.error), values };
  }
  revalidatePath("/profile");
  // A new member's form starts empty again; an edited one shows what was saved.
  return memberId ? { done: t.memberSaved, values } : { done: t.memberAdded };
}

export async function removeMemberAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await currentUser();
  if (!user) return { error: messages.chat.ask.sessionExpired };
  const parsed = memberIdForm.safeParse(formEntries(formData));
  if (!parsed.success) return { error: t.errors.memberNotFound };
  const removed = await removeMember(db(), user.userId, parsed.data.memberId);
  if (!removed.ok) {
    console.info(`[family] user ${user.userId} could not remove member ${parsed.data.memberId}: ${removed.error.code}`);
    return { error: familyErrorMessage(removed.error) };
  }
  revalidatePath("/profile");
  return { done: t.memberRemoved };
}
