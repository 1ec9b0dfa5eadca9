import type { Metadata } from "next";
import { ChatList } from "@/components/chat/chat-list";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { doctorInbox } from "@/lib/chat/chat-lists";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.inbox;

export const metadata: Metadata = { title: t.title };

function Section({
  id,
  title,
  empty,
  items,
}: {
  id: string;
  title: string;
  empty?: string;
  items: Awaited<ReturnType<typeof doctorInbox>>["requests"];
}) {
  if (items.length === 0 && !empty) return null;
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length ? <ChatList items={items} hrefBase="/doctor/chats" counterpart="patient" /> : <p className="muted">{empty}</p>}
    </section>
  );
}

export default async function DoctorInboxPage() {
  const user = await requireRole(["doctor"], "/doctor/chats");
  const inbox = await doctorInbox(db(), user);
  if (!inbox.linked) {
    return (
      <div className="stack">
        <h1>{t.title}</h1>
        <p className="alert warning">{t.notLinked}</p>
      </div>
    );
  }
  const waiting = inbox.requests.filter((r) => r.status === "waiting");
  const active = inbox.requests.filter((r) => r.status === "active");
  const done = inbox.requests.filter((r) => r.status === "closed" || r.status === "expired");
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <Section id="new-heading" title={t.newRequests} empty={t.noneNew} items={waiting} />
      <Section id="active-heading" title={t.active} empty={t.noneActive} items={active} />
      <Section id="done-heading" title={t.done} items={done} />
    </div>
  );
}
