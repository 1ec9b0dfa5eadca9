import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ChatConversation } from "@/components/chat/chat-conversation";
import { ChatSummary } from "@/components/chat/chat-summary";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { chatThread } from "@/lib/chat/chat-thread";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { toSnapshot } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.thread;

export const metadata: Metadata = { title: messages.common.chats };

/** The patient's conversation; staff read it here for support. The doctor has their own screen. */
export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/chats/${id}`);
  const thread = await chatThread(db(), user, id);
  if (!thread) notFound();
  if (thread.role === "doctor") redirect(`/doctor/chats/${thread.id}`);
  return (
    <div className="stack chat-page">
      <h1>{t.title(thread.doctor.name)}</h1>
      {thread.role === "staff" ? <p className="alert info">{t.supportNotice}</p> : null}
      <ChatSummary thread={thread} />
      <ChatConversation
        chatId={thread.id}
        viewer={thread.role}
        question={thread.question}
        askedAt={thread.createdAt.toISOString()}
        amountRial={thread.amountRial}
        initial={toSnapshot(thread, await unreadChatCount(db(), user))}
      />
      <Link className="button secondary" href="/chats">
        {t.backToList}
      </Link>
    </div>
  );
}
