import type { chatRequests } from "@/db/schema";

/** What the conversation screen and its polling API exchange: plain JSON, dates as ISO strings. Imported by
 * client components, so it holds types and pure functions only. */
export type ChatStatus = (typeof chatRequests.$inferSelect)["status"];
export type ChatSide = "patient" | "doctor";
/** How the viewer stands to a chat request: its patient, its doctor, or staff reading it for support. */
export type ChatRole = ChatSide | "staff";

export type ChatMessageView = { id: string; body: string; createdAt: Date; from: ChatSide };
export type WireMessage = { id: string; body: string; createdAt: string; from: ChatSide };

/** One poll's answer: the request's state, the messages after the cursor, and the viewer's unread total
 * for the header badge. */
export type ChatSnapshot = { status: ChatStatus; answerDeadline: string; messages: WireMessage[]; unread: number };

export const toWireMessage = (m: ChatMessageView): WireMessage => ({ ...m, createdAt: m.createdAt.toISOString() });

export function toSnapshot(
  chat: { status: ChatStatus; answerDeadline: Date; messages: ChatMessageView[] },
  unread: number,
): ChatSnapshot {
  return { status: chat.status, answerDeadline: chat.answerDeadline.toISOString(), messages: chat.messages.map(toWireMessage), unread };
}

/** Appends the messages not yet shown; the server sends them in conversation order after the cursor. */
export function mergeMessages(shown: WireMessage[], incoming: WireMessage[]): WireMessage[] {
  const known = new Set(shown.map((m) => m.id));
  const fresh = incoming.filter((m) => !known.has(m.id));
  return fresh.length ? [...shown, ...fresh] : shown;
}
