import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";

/** Newest first. Exposed only while SMS_DRIVER=outbox (development and tests). */
export async function listOutbox(db: Db, options: { phone?: string; limit?: number } = {}) {
  return db
    .select({ phone: smsOutbox.phone, body: smsOutbox.body, status: smsOutbox.status, createdAt: smsOutbox.createdAt })
    .from(smsOutbox)
    .where(options.phone ? eq(smsOutbox.phone, options.phone) : undefined)
    .orderBy(desc(smsOutbox.createdAt))
    .limit(options.limit ?? 50);
}
