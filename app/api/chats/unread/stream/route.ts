import { database } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { unreadCountFeed } from "@/lib/chat/chat-streams";
import { messages } from "@/lib/i18n/messages";
import { eventStreamResponse } from "@/lib/shared/event-stream";

/** Server-Sent Events for the header's unread badge: `{ count }` (as GET /api/chats/unread answers) when
 * the stream opens and whenever a change to one of the viewer's chats moves it — on any instance, through
 * LISTEN/NOTIFY. The badge polls GET /api/chats/unread only while this stream is down
 * (components/ui/use-polled-count.ts). */

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const user = await currentUser();
  // Only a signed-in header shows the badge; a visitor's tab has nothing to listen for.
  if (!user) return Response.json({ error: messages.chat.errors.signed_out }, { status: 401, headers: { "cache-control": "no-store" } });
  return eventStreamResponse(request.signal, unreadCountFeed(database(), user));
}
