import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { chatFileFor } from "@/lib/chat/chat-attachments";
import { messages } from "@/lib/i18n/messages";
import { USER_FILE_CSP } from "@/lib/security/security-headers";
import { log } from "@/lib/shared/log";

/** One chat file, to its chat's patient, doctor or staff only — checked on this request, every request.
 * The headers make sure an uploaded file can never act as a page of our origin: the type is ours (a
 * re-encoded JPEG or a checked PDF), nosniff forbids guessing another, the CSP sandboxes it with no
 * sources at all, and a PDF is a download, never rendered inline. */

const t = messages.chat.errors;
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: { "cache-control": "no-store" } });

/** RFC 6266: an ASCII fallback plus the real (Persian) name, percent-encoded. */
function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

type Params = { params: Promise<{ id: string; fileId: string }> };

export async function GET(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.signed_out);
  const { id, fileId } = await params;
  const variant = new URL(request.url).searchParams.get("size") === "thumb" ? "thumb" : "full";
  const file = await chatFileFor(db(), user, { chatRequestId: id, attachmentId: fileId }, variant);
  if (!file) {
    log.info(`[chat] file ${fileId} of chat ${id} refused to user ${user.userId} (${user.role}): not found or not theirs`);
    return fail(404, messages.chat.fileErrors.not_found);
  }
  return new Response(new Uint8Array(file.content), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.content.length),
      "content-disposition": contentDisposition(file.kind === "pdf" ? "attachment" : "inline", file.fileName),
      "x-content-type-options": "nosniff",
      "content-security-policy": USER_FILE_CSP,
      "cross-origin-resource-policy": "same-origin",
      "referrer-policy": "no-referrer",
      // Private to the signed-in viewer and re-checked each time: no shared cache may keep it.
      "cache-control": "private, no-store",
      etag: `"${file.sha256}"`,
    },
  });
}
