import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { unreadChatCount } from "@/lib/chat/chat-unread";

/** The header badge's count; 0 for a visitor who is not signed in. */
export async function GET() {
  const user = await currentUser();
  const count = user ? await unreadChatCount(db(), user) : 0;
  return Response.json({ count }, { headers: { "cache-control": "no-store" } });
}
