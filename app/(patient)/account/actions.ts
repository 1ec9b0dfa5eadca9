"use server";

import { redirect } from "next/navigation";
import type { DeleteFormState } from "@/components/privacy/delete-state";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { endSession } from "@/lib/auth/session";
import { messages } from "@/lib/i18n/messages";
import { deleteMyAccount } from "@/lib/privacy/account-deletion";
import { deletionErrorMessages } from "@/lib/privacy/deletion-messages";
import { formEntries } from "@/lib/shared/client-text";

export async function deleteAccountAction(_prev: DeleteFormState, formData: FormData): Promise<DeleteFormState> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/account")}`);
  if (formEntries(formData).confirm !== "yes") return { errors: [messages.privacy.confirmRequired] };
  let result;
  try {
    result = await deleteMyAccount(db(), user);
  } catch (error) {
    console.error(`[privacy] account deletion failed for user ${user.userId}: ${error instanceof Error ? error.message : String(error)}`);
    return { errors: [messages.privacy.failed] };
  }
  if (!result.ok) {
    console.warn(`[privacy] account deletion refused for user ${user.userId}: ${result.error.code === "blocked" ? result.error.blockers.map((b) => b.code).join(",") : result.error.code}`);
    return { errors: deletionErrorMessages(result.error) };
  }
  console.info(`[privacy] account ${user.userId} deleted at the patient's request`);
  await endSession();
  redirect("/account/deleted");
}
