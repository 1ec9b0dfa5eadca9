import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ChatConversation } from "@/components/chat/chat-conversation";
import { ChatSummary } from "@/components/chat/chat-summary";
import { QuickReplyManager } from "@/components/chat/quick-replies";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { chatThread } from "@/lib/chat/chat-thread";
import { myQuickReplies } from "@/lib/chat/quick-replies";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { toSnapshot } from "@/lib/chat/chat-wire";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { acceptChatAction, closeChatAction } from "./actions";
import { addQuickReplyAction, deleteQuickReplyAction, updateQuickReplyAction } from "./quick-reply-actions";

const t = messages.chat.thread;

export const metadata: Metadata = { title: messages.chat.inbox.title };

export default async function DoctorChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(["doctor"], `/doctor/chats/${id}`);
  const thread = await chatThread(db(), user, id);
  if (!thread) notFound();
  // A doctor who asked another doctor a question reads that one as a patient.
  if (thread.role !== "doctor") redirect(`/chats/${thread.id}`);
  const replies = await myQuickReplies(db(), user);
  return (
    <div className="stack chat-page">
      <h1>{t.doctorTitle(persianNumber(thread.patientName))}</h1>
      <ChatSummary thread={thread} />
      <ChatConversation
        chatId={thread.id}
        viewer="doctor"
        question={thread.question}
        askedAt={thread.createdAt.toISOString()}
        amountRial={thread.amountRial}
        initial={toSnapshot(thread, await unreadChatCount(db(), user))}
        doctorActions={{ accept: acceptChatAction, close: closeChatAction }}
        quickReplies={replies}
      />
      <QuickReplyManager
        replies={replies}
        actions={{ add: addQuickReplyAction, update: updateQuickReplyAction, remove: deleteQuickReplyAction }}
      />
      <Link className="button secondary" href="/doctor/chats">
        {t.backToInbox}
      </Link>
    </div>
  );
}
