import { reservationProduct } from "@/lib/booking/reservation-product";
import { chatProduct } from "@/lib/chat/chat-product";
import type { Products } from "@/lib/payments/product";
import { topupProduct, type TopupLimits } from "@/lib/wallet/topup-product";

/** The products the app sells. Built here, above payments and the products alike, so the engine knows only
 * the Product interface and the products know only the engine's types: the folders point one way. */
export function paymentProducts(topupLimits: TopupLimits): Products {
  return { reservation: reservationProduct, chat: chatProduct, topup: topupProduct(topupLimits) };
}
