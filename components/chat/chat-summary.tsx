import type { ChatThread } from "@/lib/chat/chat-thread";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForText } from "@/lib/patients/visit-for-text";

const t = messages.chat.thread;

/** Who, what was paid and by when the doctor must answer. */
export function ChatSummary({ thread }: { thread: ChatThread }) {
  return (
    <dl className="summary">
      <dt>{t.doctor}</dt>
      <dd>
        {thread.doctor.name} — {thread.doctor.title}
      </dd>
      {thread.role !== "patient" ? (
        <>
          <dt>{t.patient}</dt>
          <dd>
            {persianNumber(thread.patientName)}
            {visitForText(thread.about) ? <span data-testid="visit-for"> ({visitForText(thread.about)})</span> : null}
          </dd>
        </>
      ) : null}
      <dt>{t.paid}</dt>
      <dd className="amount">{formatToman(thread.amountRial)}</dd>
      <dt>{t.deadline}</dt>
      <dd>{formatJalaliDateTime(thread.answerDeadline)}</dd>
      {thread.closing ? (
        <>
          <dt>{t.summaryTitle}</dt>
          <dd data-testid="chat-closing-summary">
            <p className="closing-summary" style={{ whiteSpace: "pre-wrap", margin: 0 }}>
              {thread.closing.summary}
            </p>
            <span className="hint">{t.closedOn(formatJalaliDateTime(thread.closing.closedAt))}</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
