"use server";

import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { setReminders } from "@/lib/notifications/inbox";
import { formEntries } from "@/lib/shared/client-text";

export async function saveNotificationSettings(formData: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/notifications/settings")}`);
  const reminders = formEntries(formData).reminders === "on";
  await setReminders(db(), user.userId, reminders);
  console.info(`[notifications] user ${user.userId} turned reminders ${reminders ? "on" : "off"}`);
  redirect("/notifications/settings?saved=1");
}
