import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { unreadNotificationCount } from "@/lib/notifications/inbox";

/** The header's messages count; 0 for a visitor who is not signed in. */
export async function GET() {
  const user = await currentUser();
  const count = user ? await unreadNotificationCount(db(), user.userId) : 0;
  return Response.json({ count }, { headers: { "cache-control": "no-store" } });
}
