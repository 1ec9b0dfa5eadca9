import { z } from "zod";
import { db } from "@/db/client";
import { normalizeIranianMobile } from "@/lib/auth/phone";
import { config } from "@/lib/config";
import { listOutbox } from "@/lib/sms/outbox-reader";

const query = z.object({ phone: z.string().max(32).optional() });

export async function GET(request: Request) {
  if (!config().devTools.smsOutbox) return new Response(null, { status: 404 });
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid query" }, { status: 400 });
  const phone = parsed.data.phone === undefined ? undefined : normalizeIranianMobile(parsed.data.phone);
  if (phone === null) return Response.json({ error: "invalid phone" }, { status: 400 });
  const messages = await listOutbox(db(), { phone });
  return Response.json({ messages }, { headers: { "cache-control": "no-store" } });
}
