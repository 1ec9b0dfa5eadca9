import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chatAttachments, chatBlobs } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { chatRequestFor } from "./chat-access";
import type { PreparedFile, StoredBlob } from "./chat-file-input";

/** Attachments live in Postgres: the bytes once per content (chat_blobs, keyed by SHA-256), and per chat a
 * row naming them. Nothing here decides who may send; sendChatMessage does, holding the request's lock. */

export async function attachmentCount(db: Db, chatRequestId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(chatAttachments).where(eq(chatAttachments.chatRequestId, chatRequestId));
  return row!.n;
}

async function storeBlob(db: Db, blob: StoredBlob): Promise<void> {
  await db.insert(chatBlobs).values({ sha256: blob.sha256, content: blob.content, byteSize: blob.content.length }).onConflictDoNothing();
}

/** Stores the file of a message just written, in the caller's transaction. */
export async function storeAttachment(db: Db, chatRequestId: string, messageId: string, file: PreparedFile) {
  await storeBlob(db, file.file);
  if (file.thumb) await storeBlob(db, file.thumb);
  const [row] = await db
    .insert(chatAttachments)
    .values({
      messageId,
      chatRequestId,
      kind: file.kind,
      contentType: file.contentType,
      fileName: file.fileName,
      blobSha256: file.file.sha256,
      thumbSha256: file.thumb?.sha256 ?? null,
      byteSize: file.file.content.length,
    })
    .returning({ id: chatAttachments.id, kind: chatAttachments.kind, name: chatAttachments.fileName, byteSize: chatAttachments.byteSize });
  return row!;
}

export type ChatFile = { contentType: string; fileName: string; content: Buffer; sha256: string; kind: "image" | "pdf" };

/** One file of a chat, checked on every fetch: only who may see the chat (its patient, its doctor, staff —
 * chatRequestFor) gets it; for anyone else, a wrong chat or a made-up id, it reads like a missing file.
 * `thumb` asks for an image's thumbnail. */
export async function chatFileFor(
  db: Db,
  actor: Actor | null,
  ids: { chatRequestId: string; attachmentId: string },
  variant: "full" | "thumb",
): Promise<ChatFile | null> {
  if (!z.uuid().safeParse(ids.attachmentId).success) return null;
  const access = await chatRequestFor(db, actor, ids.chatRequestId);
  if (!access) return null;
  const [attachment] = await db
    .select()
    .from(chatAttachments)
    .where(and(eq(chatAttachments.id, ids.attachmentId), eq(chatAttachments.chatRequestId, access.request.id)));
  if (!attachment) return null;
  const sha256 = variant === "thumb" && attachment.thumbSha256 ? attachment.thumbSha256 : attachment.blobSha256;
  const [stored] = await db.select({ content: chatBlobs.content }).from(chatBlobs).where(eq(chatBlobs.sha256, sha256));
  const contentType = variant === "thumb" && attachment.thumbSha256 ? "image/jpeg" : attachment.contentType;
  return { contentType, fileName: attachment.fileName, content: stored!.content, sha256, kind: attachment.kind };
}
