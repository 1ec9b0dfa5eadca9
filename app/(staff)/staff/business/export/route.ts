import { db } from "@/db/client";
import { ForbiddenError } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { businessExport } from "@/lib/staff/business-csv";
import { parseBusinessQuery } from "@/lib/staff/business-query";
import { log } from "@/lib/shared/log";

/** GET /staff/business/export?from&to&group&clinic — the business view as a CSV file for Excel. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response(messages.common.forbidden, { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const query = parseBusinessQuery(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const { fileName, csv } = await businessExport(db(), user, query);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) {
      log.warn(`[staff] business export: ${error.message} (user ${user.userId})`);
      return new Response(messages.common.forbidden, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
