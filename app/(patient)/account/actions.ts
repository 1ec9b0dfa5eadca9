"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { DeleteFormState } from "@/components/privacy/delete-state";
import { db } from "@/db/client";
import { showFieldMessage, validatedActionWithUser } from "@/lib/auth/validated-action";
import { endSession } from "@/lib/auth/session";
import { messages } from "@/lib/i18n/messages";
import { deleteMyAccount } from "@/lib/privacy/account-deletion";
import { deletionErrorMessages } from "@/lib/privacy/deletion-messages";
import { log } from "@/lib/shared/log";

const deleteError = (message: string): DeleteFormState => ({ errors: [message] });

export const deleteAccountAction = validatedActionWithUser(
  {
    name: "privacy.delete-account",
    schema: z.object({ confirm: z.literal("yes", { error: messages.privacy.confirmRequired }) }),
    error: deleteError,
    invalid: showFieldMessage(deleteError),
    failed: messages.privacy.failed,
    signInReturnTo: "/account",
  },
  async (_input, user) => {
    const result = await deleteMyAccount(db(), user);
    if (!result.ok) {
      const why = result.error.code === "blocked" ? result.error.blockers.map((b) => b.code).join(",") : result.error.code;
      log.warn(`[privacy] account deletion refused for user ${user.userId}: ${why}`);
      return { errors: deletionErrorMessages(result.error) };
    }
    log.info(`[privacy] account ${user.userId} deleted at the patient's request`);
    await endSession();
    redirect("/account/deleted");
  },
);
