import type { Metadata } from "next";
import Link from "next/link";
import { NotificationList } from "@/components/notifications/notification-list";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { markNotificationsRead, myNotifications } from "@/lib/notifications/inbox";

const t = messages.notifications.page;

export const metadata: Metadata = { title: t.title };

export default async function NotificationsPage() {
  const user = await requireUser("/notifications");
  const items = await myNotifications(db(), user.userId);
  // Shown now: the header's count goes back to zero (this render still marks the new ones).
  await markNotificationsRead(db(), user.userId);
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p>
        <Link href="/notifications/settings">{t.settings}</Link>
      </p>
      <NotificationList items={items} />
    </div>
  );
}
