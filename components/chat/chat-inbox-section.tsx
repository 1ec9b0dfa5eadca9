import type { ChatListItem } from "@/lib/chat/chat-lists";
import { ChatList } from "./chat-list";

/** One part of the doctor's inbox (new, active, done) under its heading; an empty part says `empty`, or is left
 * out when it has nothing to say. */
export function ChatInboxSection({ id, title, empty, items }: { id: string; title: string; empty?: string; items: ChatListItem[] }) {
  if (items.length === 0 && !empty) return null;
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length ? <ChatList items={items} hrefBase="/doctor/chats" counterpart="patient" /> : <p className="muted">{empty}</p>}
    </section>
  );
}
