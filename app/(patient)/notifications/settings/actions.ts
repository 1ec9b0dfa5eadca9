"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { validatedFormActionWithUser } from "@/lib/auth/validated-action";
import { setReminders } from "@/lib/notifications/inbox";
import { log } from "@/lib/shared/log";

// A checkbox: "on" when ticked, absent when not.
const settingsForm = z.object({ reminders: z.literal("on").optional() });

export const saveNotificationSettings = validatedFormActionWithUser(
  { name: "notifications.save-settings", schema: settingsForm, signInReturnTo: "/notifications/settings" },
  async ({ reminders }, user) => {
    const on = reminders === "on";
    await setReminders(db(), user.userId, on);
    log.info(`[notifications] user ${user.userId} turned reminders ${on ? "on" : "off"}`);
    redirect("/notifications/settings?saved=1");
  },
);
