import Link from "next/link";
import type { ChatListItem } from "@/lib/chat/chat-lists";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForText } from "@/lib/patients/visit-for-text";

const t = messages.chat;

type Counterpart = "doctor" | "patient" | "both";

/** A patient without a name is shown by their phone number, in Persian digits like every number on screen. */
function withWhom(item: ChatListItem, counterpart: Counterpart) {
  const patient = t.list.patient(persianNumber(item.patientName));
  if (counterpart === "doctor") return item.doctorName;
  if (counterpart === "patient") return patient;
  return `${item.doctorName} · ${patient}`;
}

function timeLeft(seconds: number) {
  if (seconds <= 0) return t.receipts.overdue;
  const minutes = Math.ceil(seconds / 60);
  return t.receipts.timeLeft(Math.floor(minutes / 60), minutes % 60);
}

/** Conversations as cards: who with (staff see both sides), status, the question, what is new. */
export function ChatList({ items, hrefBase, counterpart }: { items: ChatListItem[]; hrefBase: string; counterpart: Counterpart }) {
  return (
    <ul className="stack chat-list">
      {items.map((item) => (
        <li key={item.id} className="card stack" data-testid="chat-item" data-status={item.status}>
          <p className="row">
            <strong>
              <Link href={`${hrefBase}/${item.id}`}>{withWhom(item, counterpart)}</Link>
            </strong>
            <span className="badge">{t.status[item.status]}</span>
            {item.unread > 0 ? <span className="badge unread-badge">{t.list.unread(item.unread)}</span> : null}
          </p>
          {visitForText(item) ? <p data-testid="visit-for">{visitForText(item)}</p> : null}
          <p className="chat-excerpt">{item.question}</p>
          {item.closingSummary ? (
            <p className="chat-excerpt" data-testid="chat-closing-summary">
              <strong>{t.thread.summaryTitle}: </strong>
              {item.closingSummary}
            </p>
          ) : null}
          {counterpart === "doctor" && (item.status === "waiting" || item.status === "active") ? (
            <p className="badge" data-testid="chat-answer-state" data-answered={item.answered}>
              {item.answered ? t.receipts.answered : t.receipts.awaiting}
            </p>
          ) : null}
          <p className="hint">
            {item.status === "waiting"
              ? t.inbox.answerBy(formatJalaliDateTime(item.answerDeadline))
              : t.list.askedOn(formatJalaliDateTime(item.createdAt))}
            {item.status === "waiting" && counterpart === "patient" ? (
              <>
                {" · "}
                <strong data-testid="chat-time-left">{timeLeft(item.secondsLeft)}</strong>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
