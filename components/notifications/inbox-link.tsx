"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { usePolledCount } from "@/components/ui/use-polled-count";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.notifications.page;

/** The header's link to the messages list, outside the phone menu so that its unread count is seen without
 * opening anything. Opening the list reads them all. */
export function InboxLink({ userId, initialCount }: { userId: string; initialCount: number }) {
  const pathname = usePathname();
  const polled = usePolledCount(["notifications-unread", userId, pathname], "/api/notifications/unread", initialCount);
  const count = pathname === "/notifications" ? 0 : polled;
  return (
    <Link
      href="/notifications"
      className="inbox-link"
      data-testid="inbox-link"
      data-unread={count}
      aria-label={count ? `${t.title} — ${t.unreadCount(persianNumber(count))}` : t.title}
    >
      <span aria-hidden="true">✉</span>
      <span className="inbox-label">{t.title}</span>
      {count ? (
        <span className="badge unread-badge" aria-hidden="true">
          {persianNumber(count)}
        </span>
      ) : null}
    </Link>
  );
}
