import Link from "next/link";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { InboxItem } from "@/lib/notifications/inbox";

const t = messages.notifications.page;

/** The messages the app sent the user, as they were sent (the SMS text), newest first. */
export function NotificationList({ items }: { items: InboxItem[] }) {
  if (items.length === 0) return <p className="muted">{t.none}</p>;
  return (
    <ul className="stack plain-list" data-testid="notifications">
      {items.map((item) => (
        <li
          key={item.id}
          className={item.unread ? "card stack notification-item unread" : "card stack notification-item"}
          data-kind={item.kind}
        >
          <p>{item.body}</p>
          <p className="muted">
            <time dateTime={item.createdAt.toISOString()}>{formatJalaliDateTime(item.createdAt)}</time>
            {item.unread ? <span className="badge"> {t.unread}</span> : null}
            {item.link ? (
              <>
                {" · "}
                <Link href={item.link}>{t.open}</Link>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
