import { z } from "zod";
import { database, db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { chatRequestFor } from "@/lib/chat/chat-access";
import { conversationFeed } from "@/lib/chat/chat-streams";
import { messages } from "@/lib/i18n/messages";
import { eventStreamResponse } from "@/lib/shared/event-stream";
import { log } from "@/lib/shared/log";

/** Server-Sent Events for one open conversation: the same snapshot a poll answers (messages after the cursor,
 * state, what the other side has seen, the unread badge), pushed whenever the chat changes — woken by
 * Postgres LISTEN/NOTIFY through chatEventHub, so a message written on another instance arrives too. The
 * client polls only while this stream is down (components/chat/use-chat-conversation.ts). */

export const dynamic = "force-dynamic";

const t = messages.chat.errors;
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: { "cache-control": "no-store" } });

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.signed_out);
  const query = z
    .object({ id: z.uuid(), after: z.uuid().nullable() })
    .safeParse({ id: (await params).id, after: new URL(request.url).searchParams.get("after") });
  if (!query.success) {
    log.info(`[chat] stream refused for user ${user.userId}: malformed chat id or cursor`);
    return fail(400, t.bad_request);
  }
  if (!(await chatRequestFor(db(), user, query.data.id))) {
    log.info(`[chat] stream refused for user ${user.userId}: chat ${query.data.id} not found or not theirs`);
    return fail(404, t.not_found);
  }
  return eventStreamResponse(request.signal, conversationFeed(database(), user, query.data.id, query.data.after));
}
