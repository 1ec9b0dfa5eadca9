import "server-only";
import { db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { loadIntent } from "@/lib/intent/intent-cookies";
import { intentIdSchema, type Intent } from "@/lib/intent/intent";
import { pendingPurchaseView, type PendingPurchaseView } from "./pending-purchase";

/** The purchase sealed in the patient's intent cookie, as the shortfall and confirm screens show it; null
 * when the id is malformed or the cookie is gone, expired, someone else's or a top-up. */
export async function sealedPurchase(user: CurrentUser, intentId: string): Promise<{ intent: Intent; view: PendingPurchaseView } | null> {
  if (!intentIdSchema.safeParse(intentId).success) return null;
  const intent = await loadIntent(intentId, user.userId);
  if (!intent || intent.target.kind === "topup") return null;
  const view = await pendingPurchaseView(db(), {
    userId: user.userId,
    target: intent.target,
    minTopupRial: config().wallet.topupMinRial,
    reschedulePolicy: { fullRefundHours: config().cancelFullRefundHours },
  });
  return view ? { intent, view } : null;
}
