import { z } from "zod";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { chatMessageSchema, parseChatText } from "@/lib/chat/chat-input";
import { pollChat, sendChatMessage } from "@/lib/chat/chat-messages";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { toSnapshot, toWireMessage } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";
import { sendStatus } from "../send-status";
import { log } from "@/lib/shared/log";

/** The conversation screen polls GET every second and sends with POST. Authorization is the chat
 * services' own (a request the caller may not see answers 404, like a missing one). */

const t = messages.chat.errors;
const noStore = { "cache-control": "no-store" };
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.signed_out);
  const query = z
    .object({ id: z.uuid(), after: z.uuid().nullable() })
    .safeParse({ id: (await params).id, after: new URL(request.url).searchParams.get("after") });
  if (!query.success) return fail(400, t.bad_request);
  const poll = await pollChat(db(), user, query.data.id, query.data.after);
  if (!poll) return fail(404, t.not_found);
  return Response.json(toSnapshot(poll, await unreadChatCount(db(), user)), { headers: noStore });
}

/** JSON only: a cross-site form cannot send it, and a cross-site fetch of it needs a preflight we never
 * grant, so together with the SameSite session cookie this is not forgeable from another site. */
export async function POST(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.signed_out);
  const id = (await params).id;
  if (!z.uuid().safeParse(id).success) return fail(404, t.not_found);
  if (!request.headers.get("content-type")?.startsWith("application/json")) return fail(415, t.bad_request);
  const payload = z.object({ body: z.string().max(50_000) }).safeParse(await request.json().catch(() => null));
  if (!payload.success) return fail(400, t.bad_request);
  const text = parseChatText(chatMessageSchema, payload.data.body);
  if (!text.ok) {
    log.info(`[chat] message refused for user ${user.userId} in ${id}: ${text.issue}`);
    return fail(400, text.error);
  }
  const sent = await sendChatMessage(db(), user, { chatRequestId: id, body: text.text });
  if (!sent.ok) {
    log.info(`[chat] message refused for user ${user.userId} (${user.role}) in ${id}: ${sent.error.code}`);
    return fail(sendStatus[sent.error.code], t[sent.error.code]);
  }
  return Response.json({ message: toWireMessage(sent.value) }, { status: 201, headers: noStore });
}
