import type { Metadata } from "next";
import { ChatInboxSection } from "@/components/chat/chat-inbox-section";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { doctorInbox } from "@/lib/chat/chat-lists";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.inbox;

export const metadata: Metadata = { title: t.title };

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
      <ChatInboxSection id="new-heading" title={t.newRequests} empty={t.noneNew} items={waiting} />
      <ChatInboxSection id="active-heading" title={t.active} empty={t.noneActive} items={active} />
      <ChatInboxSection id="done-heading" title={t.done} items={done} />
    </div>
  );
}
