import type { ChatThread } from "@/lib/chat/chat-thread";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForText } from "@/lib/patients/visit-for-text";

const t = messages.chat.thread;

/** The account holder's sex and age for the doctor ("زن، ۳۴ ساله"), empty when the profile lacks both —
 * and when the chat is about a family member, whose age and sex are not the account holder's. */
function profileText({ patientProfile: { age, sex }, about }: ChatThread): string {
  if (visitForText(about)) return "";
  return [sex ? messages.profile.sexes[sex] : null, age === null ? null : t.ageYears(age)].filter(Boolean).join("، ");
}

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
            {profileText(thread) ? <span data-testid="patient-profile"> — {profileText(thread)}</span> : null}
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
            <p className="closing-summary pre-wrap flush">{thread.closing.summary}</p>
            <span className="hint">{t.closedOn(formatJalaliDateTime(thread.closing.closedAt))}</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
