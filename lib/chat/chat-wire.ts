import type { chatRequests } from "@/db/schema";

/** What the conversation screen and its polling API exchange: plain JSON, dates as ISO strings. Imported by
 * client components, so it holds types and pure functions only. */
export type ChatStatus = (typeof chatRequests.$inferSelect)["status"];
export type ChatSide = "patient" | "doctor";
/** How the viewer stands to a chat request: its patient, its doctor, or staff reading it for support. */
export type ChatRole = ChatSide | "staff";

/** A file sent as a message; its bytes are fetched from chatFileUrl, which checks the viewer every time. */
export type AttachmentView = { id: string; kind: "image" | "pdf"; name: string; byteSize: number };
export type ChatMessageView = { id: string; body: string; createdAt: Date; from: ChatSide; attachment: AttachmentView | null };
export type WireMessage = { id: string; body: string; createdAt: string; from: ChatSide; attachment: AttachmentView | null };

export const chatFileUrl = (chatId: string, attachmentId: string, variant: "full" | "thumb" = "full") =>
  `/api/chats/${chatId}/files/${attachmentId}${variant === "thumb" ? "?size=thumb" : ""}`;

/** How far the other side has read: the question (opened by the doctor) and the messages up to and including
 * `upToMessageId`. Null for staff. */
export type PeerSeen = { question: boolean; upToMessageId: string | null };

/** One poll's answer: the request's state, the messages after the cursor, what the other side has seen, and
 * the viewer's unread total for the header badge. */
export type ChatSnapshot = {
  status: ChatStatus;
  answerDeadline: string;
  messages: WireMessage[];
  peerSeen: PeerSeen | null;
  unread: number;
};

export const toWireMessage = (m: ChatMessageView): WireMessage => ({ ...m, createdAt: m.createdAt.toISOString() });

export function toSnapshot(
  chat: { status: ChatStatus; answerDeadline: Date; messages: ChatMessageView[]; peerSeen: PeerSeen | null },
  unread: number,
): ChatSnapshot {
  return {
    status: chat.status,
    answerDeadline: chat.answerDeadline.toISOString(),
    messages: chat.messages.map(toWireMessage),
    peerSeen: chat.peerSeen,
    unread,
  };
}

/** The ids of the messages the other side has seen, given the whole conversation as shown (in order). */
export function seenIds(shown: WireMessage[], peerSeen: PeerSeen | null): Set<string> {
  const upTo = peerSeen?.upToMessageId ? shown.findIndex((m) => m.id === peerSeen.upToMessageId) : -1;
  return new Set(shown.slice(0, upTo + 1).map((m) => m.id));
}

/** Where a conversation stands for its patient: answered when the doctor wrote last. */
export function isAnswered(shown: { from: ChatSide }[]): boolean {
  return shown.at(-1)?.from === "doctor";
}

/** Appends the messages not yet shown; the server sends them in conversation order after the cursor. */
export function mergeMessages(shown: WireMessage[], incoming: WireMessage[]): WireMessage[] {
  const known = new Set(shown.map((m) => m.id));
  const fresh = incoming.filter((m) => !known.has(m.id));
  return fresh.length ? [...shown, ...fresh] : shown;
}
