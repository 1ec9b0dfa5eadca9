import type { Metadata } from "next";
import Link from "next/link";
import { ChatList } from "@/components/chat/chat-list";
import { db } from "@/db/client";
import { isStaff } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/current-user";
import { myChats } from "@/lib/chat/chat-lists";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.list;

export const metadata: Metadata = { title: t.title };

export default async function ChatsPage() {
  const user = await requireUser("/chats");
  const support = isStaff(user);
  const items = await myChats(db(), user);
  return (
    <div className="stack">
      <h1>{support ? t.supportTitle : t.title}</h1>
      {items.length === 0 ? (
        <p>
          {t.none} <Link href="/doctors?chat=1">{t.findDoctor}</Link>
        </p>
      ) : (
        <ChatList items={items} hrefBase="/chats" counterpart={support ? "both" : "doctor"} />
      )}
    </div>
  );
}
