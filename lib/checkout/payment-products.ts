import type { CancelPolicy } from "@/lib/booking/cancellation";
import { reservationProduct } from "@/lib/booking/reservation-product";
import { rescheduleProduct } from "@/lib/booking/reschedule-product";
import { chatProduct } from "@/lib/chat/chat-product";
import type { Products } from "@/lib/payments/product";
import { topupProduct, type TopupLimits } from "@/lib/wallet/topup-product";

/** The full-refund window of `CANCEL_FULL_REFUND_HOURS`' default, for engines built outside the app (tests,
 * bench); the app passes its configured one. */
export const DEFAULT_RESCHEDULE_POLICY: CancelPolicy = { fullRefundHours: 24 };

/** The products the app sells. Built here, above payments and the products alike, so the engine knows only
 * the Product interface and the products know only the engine's types: the folders point one way. A move to a
 * dearer time is sold under the same window as a cancellation with a full refund. */
export function paymentProducts(topupLimits: TopupLimits, reschedulePolicy: CancelPolicy = DEFAULT_RESCHEDULE_POLICY): Products {
  return {
    reservation: reservationProduct,
    chat: chatProduct,
    topup: topupProduct(topupLimits),
    reschedule: rescheduleProduct(reschedulePolicy),
  };
}
