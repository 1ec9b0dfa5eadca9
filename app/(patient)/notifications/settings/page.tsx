import type { Metadata } from "next";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { remindersEnabled } from "@/lib/notifications/inbox";
import { saveNotificationSettings } from "./actions";

const t = messages.notifications.settings;

export const metadata: Metadata = { title: t.title };

export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireUser("/notifications/settings");
  const enabled = await remindersEnabled(db(), user.userId);
  const saved = (await searchParams).saved === "1";
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      {saved ? (
        <p className="alert success" role="status">
          {t.saved}
        </p>
      ) : null}
      <form action={saveNotificationSettings} className="card stack">
        <label className="choice">
          <input type="checkbox" name="reminders" defaultChecked={enabled} data-testid="reminders-toggle" />
          {t.reminders}
        </label>
        <p className="hint">{t.remindersHint}</p>
        <div>
          <button type="submit" className="button">
            {t.save}
          </button>
        </div>
      </form>
    </div>
  );
}
