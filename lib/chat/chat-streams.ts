import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { EventFeed } from "@/lib/shared/event-stream";
import { chatEventHub, chatTopic, userTopic } from "./chat-events";
import { pollChat } from "./chat-messages";
import { unreadChatCount } from "./chat-unread";
import { toSnapshot } from "./chat-wire";

/** What the event streams send (lib/shared/event-stream.ts turns a feed into the response). Each read is
 * the same read, with the same authorization, as the poll it replaces. */

/** One open conversation: on each change of the chat, the snapshot a poll answers — the messages after the
 * last one sent, state, what the other side has seen, and the viewer's unread count — and nothing once the
 * viewer may no longer see the chat. */
export function conversationFeed(database: Database, actor: Actor, chatRequestId: string, after: string | null): EventFeed {
  let cursor = after;
  return {
    describe: `[chat] stream of chat ${chatRequestId} for user ${actor.userId}`,
    subscribe: (wake) => chatEventHub(database).subscribe(chatTopic(chatRequestId), wake),
    async read() {
      const poll = await pollChat(database.db, actor, chatRequestId, cursor);
      if (!poll) return { kind: "end" };
      cursor = poll.messages.at(-1)?.id ?? cursor;
      return { kind: "send", data: JSON.stringify(toSnapshot(poll, await unreadChatCount(database.db, actor))) };
    },
  };
}

/** The header badge: the viewer's unread count (`{ count }`, as GET /api/chats/unread answers), sent when it
 * opens and again whenever it changes — woken by any change to a chat the viewer is the patient or the
 * doctor of, a new request to the doctor included. */
export function unreadCountFeed(database: Database, actor: Actor): EventFeed {
  let sent: number | null = null;
  return {
    describe: `[chat] unread stream for user ${actor.userId}`,
    subscribe: (wake) => chatEventHub(database).subscribe(userTopic(actor.userId), wake),
    async read() {
      const count = await unreadChatCount(database.db, actor);
      // A change to one of the viewer's chats often leaves the count as it was (their own message, the other
      // side's read): send only what the badge does not show yet.
      if (count === sent) return { kind: "quiet" };
      sent = count;
      return { kind: "send", data: JSON.stringify({ count }) };
    },
  };
}
