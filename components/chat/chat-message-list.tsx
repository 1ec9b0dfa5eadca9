"use client";

import { useEffect, useRef, type ReactNode } from "react";
import {
  chatFileUrl,
  seenIds,
  type AttachmentView,
  type ChatRole,
  type ChatSide,
  type PeerSeen,
  type WireMessage,
} from "@/lib/chat/chat-wire";
import { formatJalaliShortDate, formatTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.chat.thread;

function senderLabel(from: ChatSide, viewer: ChatRole) {
  if (from === viewer) return t.you;
  return from === "patient" ? t.patient : t.doctor;
}

const f = messages.chat.files;
const r = messages.chat.receipts;

function fileSize(bytes: number) {
  return bytes < 1024 * 1024
    ? f.sizeKb(Math.max(1, Math.round(bytes / 1024)))
    : f.sizeMb(persianNumber(Number((bytes / 1024 / 1024).toFixed(1))));
}

/** A photo shows as its thumbnail, opening the full image; a PDF as a download link. Both URLs are checked
 * against the viewer on every fetch. */
function Attachment({ chatId, file }: { chatId: string; file: AttachmentView }) {
  const full = chatFileUrl(chatId, file.id);
  if (file.kind === "image") {
    return (
      <a href={full} target="_blank" rel="noopener" className="chat-attachment" data-testid="chat-attachment" data-kind="image">
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-viewer file: next/image would proxy and cache it */}
        <img src={chatFileUrl(chatId, file.id, "thumb")} alt={f.imageAlt(file.name)} loading="lazy" />
      </a>
    );
  }
  return (
    <a href={full} download={file.name} className="chat-attachment" data-testid="chat-attachment" data-kind="pdf">
      {f.download(file.name, fileSize(file.byteSize))}
    </a>
  );
}

/** Message text is rendered as a React text node (escaped), never as HTML; line breaks are kept by CSS. */
function Bubble({
  from,
  viewer,
  at,
  label,
  body,
  attachment,
  seen,
}: {
  from: ChatSide;
  viewer: ChatRole;
  at: string;
  label: string;
  body: ReactNode;
  attachment?: ReactNode;
  /** For the viewer's own messages: whether the other side has seen it (undefined: no ticks, e.g. staff). */
  seen?: boolean;
}) {
  const when = new Date(at);
  return (
    <li className={`chat-bubble ${from === viewer ? "mine" : "theirs"}`} data-testid="chat-message" data-from={from}>
      <p className="chat-meta">
        <span>{label}</span> ·{" "}
        <time dateTime={at}>
          {formatJalaliShortDate(when)} {formatTime(when)}
        </time>
      </p>
      {attachment ?? <p className="chat-body">{body}</p>}
      {seen === undefined ? null : (
        <p className="chat-tick" data-testid="chat-tick" data-seen={seen}>
          <span aria-hidden="true">{seen ? "✓✓" : "✓"}</span> {seen ? r.seen : r.sent}
        </p>
      )}
    </li>
  );
}

/** The question, then the messages in order, in a log region that keeps the newest in view. */
export function ChatMessageList({
  chatId,
  viewer,
  question,
  askedAt,
  items,
  peerSeen,
}: {
  chatId: string;
  viewer: ChatRole;
  question: string;
  askedAt: string;
  items: WireMessage[];
  peerSeen: PeerSeen | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [items.length]);
  const seen = seenIds(items, peerSeen);
  // Ticks only on the viewer's own messages, and only for the two parties.
  const tick = (from: ChatSide, value: boolean) => (peerSeen && from === viewer ? value : undefined);
  return (
    <div ref={box} className="chat-log" role="log" aria-label={t.logLabel}>
      <ol>
        <Bubble
          from="patient"
          viewer={viewer}
          at={askedAt}
          label={`${senderLabel("patient", viewer)} — ${t.question}`}
          body={question}
          seen={tick("patient", peerSeen?.question ?? false)}
        />
        {items.map((m) => (
          <Bubble
            key={m.id}
            from={m.from}
            viewer={viewer}
            at={m.createdAt}
            label={senderLabel(m.from, viewer)}
            body={m.body}
            attachment={m.attachment ? <Attachment chatId={chatId} file={m.attachment} /> : undefined}
            seen={tick(m.from, seen.has(m.id))}
          />
        ))}
      </ol>
      {items.length === 0 ? <p className="hint">{t.noMessages}</p> : null}
    </div>
  );
}
