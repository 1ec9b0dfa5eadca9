"use client";

import { useEffect, useRef } from "react";
import type { ChatRole, ChatSide, WireMessage } from "@/lib/chat/chat-wire";
import { formatJalaliShortDate, formatTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.thread;

function senderLabel(from: ChatSide, viewer: ChatRole) {
  if (from === viewer) return t.you;
  return from === "patient" ? t.patient : t.doctor;
}

/** Message text is rendered as a React text node (escaped), never as HTML; line breaks are kept by CSS. */
function Bubble({ from, viewer, at, label, body }: { from: ChatSide; viewer: ChatRole; at: string; label: string; body: string }) {
  const when = new Date(at);
  return (
    <li className={`chat-bubble ${from === viewer ? "mine" : "theirs"}`} data-testid="chat-message" data-from={from}>
      <p className="chat-meta">
        <span>{label}</span> ·{" "}
        <time dateTime={at}>
          {formatJalaliShortDate(when)} {formatTime(when)}
        </time>
      </p>
      <p className="chat-body">{body}</p>
    </li>
  );
}

/** The question, then the messages in order, in a log region that keeps the newest in view. */
export function ChatMessageList({
  viewer,
  question,
  askedAt,
  items,
}: {
  viewer: ChatRole;
  question: string;
  askedAt: string;
  items: WireMessage[];
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [items.length]);
  return (
    <div ref={box} className="chat-log" role="log" aria-label={t.logLabel}>
      <ol>
        <Bubble from="patient" viewer={viewer} at={askedAt} label={`${senderLabel("patient", viewer)} — ${t.question}`} body={question} />
        {items.map((m) => (
          <Bubble key={m.id} from={m.from} viewer={viewer} at={m.createdAt} label={senderLabel(m.from, viewer)} body={m.body} />
        ))}
      </ol>
      {items.length === 0 ? <p className="hint">{t.noMessages}</p> : null}
    </div>
  );
}
