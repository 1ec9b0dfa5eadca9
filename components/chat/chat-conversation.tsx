"use client";

import type { FormState } from "@/components/payments/form-state";
import { isAnswered, type ChatRole, type ChatSnapshot, type ChatStatus, type WireMessage } from "@/lib/chat/chat-wire";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { ChatAttachButton } from "./chat-attach-button";
import type { QuickReply } from "@/lib/chat/quick-replies";
import { ChatComposer } from "./chat-composer";
import { ChatDoctorControls } from "./chat-doctor-controls";
import { ChatMessageList } from "./chat-message-list";
import { ChatApiError, useChatConversation } from "./use-chat-conversation";

const t = messages.chat.thread;

type ChatAction = (state: FormState, formData: FormData) => Promise<FormState>;

function StatusNotice({
  viewer,
  status,
  deadline,
  amountRial,
}: {
  viewer: ChatRole;
  status: ChatStatus;
  deadline: string;
  amountRial: number;
}) {
  const text =
    status === "waiting"
      ? viewer === "doctor"
        ? t.waitingDoctor(formatJalaliDateTime(new Date(deadline)))
        : t.waitingPatient(formatJalaliDateTime(new Date(deadline)))
      : status === "closed"
        ? t.closed
        : status === "expired"
          ? t.expired(formatToman(amountRial))
          : null;
  if (!text) return null;
  return (
    <p className={`alert ${status === "waiting" ? "info" : "warning"}`} data-testid="chat-status" data-status={status}>
      {text}
    </p>
  );
}

const r = messages.chat.receipts;

/** For the patient, while the consultation is open: has the doctor answered, and by when must they. */
function AnswerState({ status, deadline, items }: { status: ChatStatus; deadline: string; items: WireMessage[] }) {
  if (status !== "waiting" && status !== "active") return null;
  const answered = isAnswered(items);
  return (
    <p className="badge" data-testid="chat-answer-state" data-answered={answered}>
      {answered ? r.answered : status === "waiting" ? r.awaitingUntil(formatJalaliDateTime(new Date(deadline))) : r.awaiting}
    </p>
  );
}

/** Who may write when: the patient while the request waits or is open, the doctor once they accepted it,
 * staff never (they read for support). The server enforces the same; this only hides a useless form. */
function canWrite(viewer: ChatRole, status: ChatStatus) {
  if (viewer === "patient") return status === "waiting" || status === "active";
  return viewer === "doctor" && status === "active";
}

/** One conversation, live: status, the question and messages, the composer and (for the doctor) accept
 * and close. Polls for new messages; see useChatConversation. */
export function ChatConversation({
  chatId,
  viewer,
  question,
  askedAt,
  amountRial,
  initial,
  doctorActions,
  quickReplies,
}: {
  chatId: string;
  viewer: ChatRole;
  question: string;
  askedAt: string;
  amountRial: number;
  initial: ChatSnapshot;
  doctorActions?: { accept: ChatAction; close: ChatAction };
  /** The doctor's saved replies, offered under the message box. */
  quickReplies?: QuickReply[];
}) {
  const { data, isError, error } = useChatConversation(chatId, initial);
  return (
    <section className="stack" aria-label={t.conversationLabel} data-chat-status={data.status}>
      <StatusNotice viewer={viewer} status={data.status} deadline={data.answerDeadline} amountRial={amountRial} />
      {viewer === "patient" ? <AnswerState status={data.status} deadline={data.answerDeadline} items={data.messages} /> : null}
      {isError ? (
        <p className="alert warning" role="status">
          {error instanceof ChatApiError ? error.message : t.connectionLost}
        </p>
      ) : null}
      <ChatMessageList
        chatId={chatId}
        viewer={viewer}
        question={question}
        askedAt={askedAt}
        items={data.messages}
        peerSeen={data.peerSeen}
      />
      {viewer === "doctor" && doctorActions ? (
        <ChatDoctorControls chatId={chatId} status={data.status} accept={doctorActions.accept} close={doctorActions.close} />
      ) : null}
      {canWrite(viewer, data.status) ? (
        <>
          <ChatComposer chatId={chatId} quickReplies={quickReplies} />
          <ChatAttachButton chatId={chatId} />
        </>
      ) : null}
    </section>
  );
}
