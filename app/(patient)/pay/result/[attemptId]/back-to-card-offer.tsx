import { BackToCard, type BackToCardView } from "@/components/payments/back-to-card";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { formatTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { reversalOffer } from "@/lib/wallet/card-reversal";
import { backToCardAction } from "./back-to-card-action";

/** "Back to the card" for the result page of an auto-refunded payment: reads its own offer, so the page only
 * places it. */
export async function BackToCardOffer({ attemptId }: { attemptId: string }) {
  const user = await requireUser(`/pay/result/${attemptId}`);
  const offer = await reversalOffer(db(), user.userId, attemptId);
  const view: BackToCardView =
    offer.kind === "offer"
      ? { kind: "offer", amountText: formatToman(offer.amountRial), untilText: persianNumber(formatTime(offer.until)) }
      : offer.kind === "reversed"
        ? { kind: "reversed", amountText: formatToman(offer.amountRial) }
        : offer;
  return <BackToCard view={view} attemptId={attemptId} action={backToCardAction} />;
}
