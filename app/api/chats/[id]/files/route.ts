import { z } from "zod";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { ATTACHMENT_MAX_MB, prepareChatFile, type FileError } from "@/lib/chat/chat-file-input";
import { ATTACHMENT_BODY_LIMIT } from "@/lib/chat/chat-file-input-limits";
import { sendChatMessage } from "@/lib/chat/chat-messages";
import { toWireMessage } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";
import { multipartFile, readCapped } from "@/lib/shared/capped-body";
import { sendStatus } from "../send-status";
import { log } from "@/lib/shared/log";

/** POST a file (multipart/form-data, field `file`) into a chat: it becomes a message of its own. The
 * service checks who may write, as for text; the bytes are checked and re-encoded before anything is
 * stored, and a refused file stores nothing. */

const t = messages.chat;
const noStore = { "cache-control": "no-store" };
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

const fileError = (error: FileError) => (error.code === "too_big" ? t.fileErrors.too_big(ATTACHMENT_MAX_MB) : t.fileErrors[error.code]);

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.errors.signed_out);
  const id = (await params).id;
  if (!z.uuid().safeParse(id).success) return fail(404, t.errors.not_found);
  const contentType = request.headers.get("content-type") ?? "";
  // A custom header: a cross-site form cannot send it, and a cross-site fetch needs a preflight we never grant.
  if (!contentType.startsWith("multipart/form-data") || request.headers.get("x-chat-upload") !== "1") {
    log.info(
      `[chat] file refused for user ${user.userId} in ${id}: not our upload form (content-type ${contentType.split(";")[0] || "none"}, x-chat-upload ${request.headers.get("x-chat-upload") ?? "absent"})`,
    );
    return fail(415, t.errors.bad_request);
  }
  const body = await readCapped(request, ATTACHMENT_BODY_LIMIT);
  if (!body) {
    log.info(`[chat] file refused for user ${user.userId} in ${id}: too_big (body over ${ATTACHMENT_BODY_LIMIT} bytes)`);
    return fail(413, t.fileErrors.too_big(ATTACHMENT_MAX_MB));
  }
  const upload = await multipartFile(body, contentType, "file");
  if (!upload) return fail(400, t.fileErrors.missing);
  const prepared = await prepareChatFile(Buffer.from(await upload.arrayBuffer()), upload.name, {
    image: t.files.defaultImageName,
    pdf: t.files.defaultPdfName,
  });
  if (!prepared.ok) {
    log.info(
      `[chat] file refused for user ${user.userId} in ${id}: ${prepared.error.code} (${upload.size} bytes, claimed ${upload.type || "no type"})`,
    );
    return fail(prepared.error.code === "too_big" ? 413 : 400, fileError(prepared.error));
  }
  const sent = await sendChatMessage(db(), user, { chatRequestId: id, body: prepared.value.fileName, attachment: prepared.value });
  if (!sent.ok) {
    log.info(`[chat] file refused for user ${user.userId} (${user.role}) in ${id}: ${sent.error.code}`);
    return fail(sendStatus[sent.error.code], t.errors[sent.error.code]);
  }
  log.info(
    `[chat] file ${sent.value.attachment!.id} (${prepared.value.kind}, ${sent.value.attachment!.byteSize} bytes) sent by user ${user.userId} in ${id}`,
  );
  return Response.json({ message: toWireMessage(sent.value) }, { status: 201, headers: noStore });
}
