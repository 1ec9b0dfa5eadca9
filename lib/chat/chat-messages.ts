import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chatAttachments, chatMessages, chatRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notifyChatAnswered } from "@/lib/notifications/events";
import { err, ok, type Result } from "@/lib/shared/result";
import { chatRequestFor, type ChatAccess, type ChatRequestRow } from "./chat-access";
import { attachmentCount, storeAttachment } from "./chat-attachments";
import { ATTACHMENTS_PER_CHAT, type PreparedFile } from "./chat-file-input";
import { peerSeen } from "./chat-receipts";
import type { ChatMessageView, ChatStatus, PeerSeen } from "./chat-wire";

/** One poll answers at most this many messages; the next poll (a second later) carries on from there. */
const POLL_PAGE = 200;

/** The conversation after the message `afterId` (all of it when null or not one of this request's).
 *
 * A cursor by time is exact because sendChatMessage gives each message of a request a strictly later
 * created_at than every message committed before it (it holds the request's row lock while it stamps),
 * so a message can never appear behind a cursor a reader has already passed. */
export async function messagesAfter(db: Db, request: ChatRequestRow, afterId: string | null, limit?: number): Promise<ChatMessageView[]> {
  const cursor = sql`coalesce((select c.created_at from chat_messages c where c.id = ${afterId} and c.chat_request_id = ${request.id}), '-infinity'::timestamptz)`;
  const query = db
    .select({
      id: chatMessages.id,
      body: chatMessages.body,
      createdAt: chatMessages.createdAt,
      senderId: chatMessages.senderId,
      attachment: {
        id: chatAttachments.id,
        kind: chatAttachments.kind,
        name: chatAttachments.fileName,
        byteSize: chatAttachments.byteSize,
      },
    })
    .from(chatMessages)
    .leftJoin(chatAttachments, eq(chatAttachments.messageId, chatMessages.id))
    .where(and(eq(chatMessages.chatRequestId, request.id), sql`${chatMessages.createdAt} > ${cursor}`))
    .orderBy(asc(chatMessages.createdAt));
  const rows = limit ? await query.limit(limit) : await query;
  return rows.map(({ senderId, ...m }) => ({ ...m, from: senderId === request.patientId ? "patient" : "doctor" }));
}

/** Moves the participant's read marker up to the message they have been shown (or, with none, past the
 * question). Staff reading for support leave the markers alone. Writes only when the marker moves. */
async function markRead(db: Db, access: ChatAccess, lastSeenId: string | null): Promise<void> {
  if (access.role === "staff") return;
  const marker = access.role === "patient" ? chatRequests.patientReadAt : chatRequests.doctorReadAt;
  const seenUpTo = sql`coalesce((select c.created_at from chat_messages c where c.id = ${lastSeenId} and c.chat_request_id = ${access.request.id}), ${chatRequests.createdAt})`;
  await db
    .update(chatRequests)
    .set(access.role === "patient" ? { patientReadAt: sql`${seenUpTo}` } : { doctorReadAt: sql`${seenUpTo}` })
    .where(and(eq(chatRequests.id, access.request.id), sql`(${marker} is null or ${marker} < ${seenUpTo})`));
}

export type ChatPoll = { status: ChatStatus; answerDeadline: Date; messages: ChatMessageView[]; peerSeen: PeerSeen | null };

/** What the conversation screen polls for: the request's state and the messages after the cursor, which
 * the viewer has now seen. Null when the actor may not see the request. */
export async function pollChat(db: Db, actor: Actor | null, chatRequestId: string, afterId: string | null): Promise<ChatPoll | null> {
  const access = await chatRequestFor(db, actor, chatRequestId);
  if (!access) return null;
  const cursor = afterId !== null && z.uuid().safeParse(afterId).success ? afterId : null;
  const list = await messagesAfter(db, access.request, cursor, POLL_PAGE);
  await markRead(db, access, list.at(-1)?.id ?? cursor);
  return {
    status: access.request.status,
    answerDeadline: access.request.answerDeadline,
    messages: list,
    peerSeen: await peerSeen(db, access),
  };
}

export type SendError =
  { code: "not_found" } | { code: "read_only" } | { code: "not_accepted" } | { code: "closed" } | { code: "too_many_files" };

/** A message from the request's patient or doctor. The patient may write while the request waits (to add
 * details) or is open; the doctor once they have accepted it; nobody after it is closed or expired.
 * `body` must already be cleaned by chatMessageSchema. With `attachment` (checked by prepareChatFile) the
 * message carries that file and its body is the file's name; a chat holds at most ATTACHMENTS_PER_CHAT. */
export async function sendChatMessage(
  db: Db,
  actor: Actor | null,
  input: { chatRequestId: string; body: string; attachment?: PreparedFile },
  now = new Date(),
): Promise<Result<ChatMessageView, SendError>> {
  return db.transaction(async (tx) => {
    const access = await chatRequestFor(tx, actor, input.chatRequestId, { forUpdate: true });
    if (!access) return err({ code: "not_found" as const });
    if (access.role === "staff") return err({ code: "read_only" as const });
    const { request, role } = access;
    if (request.status === "closed" || request.status === "expired") return err({ code: "closed" as const });
    if (request.status === "waiting") {
      if (role === "doctor") return err({ code: "not_accepted" as const });
      if (request.answerDeadline <= now) return err({ code: "closed" as const });
    }
    if (input.attachment && (await attachmentCount(tx, request.id)) >= ATTACHMENTS_PER_CHAT)
      return err({ code: "too_many_files" as const });
    const [message] = await tx
      .insert(chatMessages)
      .values({
        chatRequestId: request.id,
        senderId: actor!.userId,
        body: input.body,
        // Strictly after every earlier message of this request, even on a clock that stepped back: the
        // polling cursor relies on it (see messagesAfter).
        createdAt: sql`greatest(clock_timestamp(), (select max(c.created_at) + interval '1 microsecond' from chat_messages c where c.chat_request_id = ${request.id}))`,
      })
      .returning({ id: chatMessages.id, body: chatMessages.body, createdAt: chatMessages.createdAt });
    const attachment = input.attachment ? await storeAttachment(tx, request.id, message!.id, input.attachment) : null;
    // The patient hears of the doctor's first answer (once per consultation, never its text).
    if (role === "doctor") await notifyChatAnswered(tx, request.id);
    return ok({ ...message!, from: role, attachment });
  });
}
