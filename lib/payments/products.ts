import type { PaymentTarget } from "@/db/schema";
import { reservationProduct } from "@/lib/booking/reservation-product";
import { chatProduct } from "@/lib/chat/chat-product";
import { topupProduct, type TopupLimits } from "@/lib/wallet/topup-product";
import type { Product } from "./product";

export type Products = { [K in PaymentTarget["kind"]]: Product<Extract<PaymentTarget, { kind: K }>> };

export function paymentProducts(topupLimits: TopupLimits): Products {
  return { reservation: reservationProduct, chat: chatProduct, topup: topupProduct(topupLimits) };
}

/** The product for a target, typed loosely enough to call with any target of its own kind. */
export function productFor(products: Products, target: PaymentTarget): Product<PaymentTarget> {
  return products[target.kind] as Product<PaymentTarget>;
}
