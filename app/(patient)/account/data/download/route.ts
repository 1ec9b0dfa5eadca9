import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { exportMyData } from "@/lib/privacy/patient-export";
import { tehranDateKey } from "@/lib/time/tehran";
import { log } from "@/lib/shared/log";

/** "Download my data" as a JSON file: the signed-in user's own export, never cached anywhere. */
export async function GET() {
  const user = await currentUser();
  if (!user) return Response.json({ error: messages.privacy.signInRequired }, { status: 401, headers: { "cache-control": "no-store" } });
  const exported = await exportMyData(db(), user);
  if (!exported.ok) return Response.json({ error: messages.privacy.notFound }, { status: 404, headers: { "cache-control": "no-store" } });
  log.info(`[privacy] data export downloaded by user ${user.userId}`);
  return new Response(JSON.stringify(exported.value, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="drturn-my-data-${tehranDateKey(exported.value.exportedAt)}.json"`,
      "cache-control": "no-store",
    },
  });
}
