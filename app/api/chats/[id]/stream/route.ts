import { z } from "zod";
import { database, db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { chatRequestFor } from "@/lib/chat/chat-access";
import { chatEventHub } from "@/lib/chat/chat-events";
import { pollChat } from "@/lib/chat/chat-messages";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { toSnapshot } from "@/lib/chat/chat-wire";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";

/** Server-Sent Events for one open conversation: the same snapshot a poll answers (messages after the cursor,
 * state, what the other side has seen, the unread badge), pushed whenever the chat changes — woken by
 * Postgres LISTEN/NOTIFY through chatEventHub, so a message written on another instance arrives too. The
 * client polls only while this stream is down (components/chat/use-chat-conversation.ts). */

export const dynamic = "force-dynamic";

const t = messages.chat.errors;
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
/** A comment line now and then, so proxies and mobile networks do not drop an idle stream. */
const HEARTBEAT_MS = 20_000;

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  const user = await currentUser();
  if (!user) return fail(401, t.signed_out);
  const query = z
    .object({ id: z.uuid(), after: z.uuid().nullable() })
    .safeParse({ id: (await params).id, after: new URL(request.url).searchParams.get("after") });
  if (!query.success) return fail(400, t.bad_request);
  if (!(await chatRequestFor(db(), user, query.data.id))) return fail(404, t.not_found);
  const chatId = query.data.id;
  const encoder = new TextEncoder();
  let cursor = query.data.after;
  let stop = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let running = false;
      let again = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      // One read at a time; a change during a read triggers one more read, never a pile of them.
      const push = async () => {
        if (running) return void (again = true);
        running = true;
        try {
          do {
            again = false;
            const poll = await pollChat(db(), user, chatId, cursor);
            if (!poll) return stop();
            cursor = poll.messages.at(-1)?.id ?? cursor;
            send(`data: ${JSON.stringify(toSnapshot(poll, await unreadChatCount(db(), user)))}\n\n`);
          } while (again && !closed);
        } catch (error) {
          log.error(`[chat] stream of ${chatId} for user ${user.userId} failed:`, error);
          stop();
        } finally {
          running = false;
        }
      };
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", () => stop());
      try {
        unsubscribe = await chatEventHub(database()).subscribe(chatId, () => void push());
      } catch (error) {
        log.error(`[chat] cannot LISTEN for chat events; the client falls back to polling:`, error);
        return stop();
      }
      send("retry: 3000\n\n");
      await push();
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
