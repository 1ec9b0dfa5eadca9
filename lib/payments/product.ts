import type { Db } from "@/db/client";
import type { PaymentTarget, paymentAttempts } from "@/db/schema";
import type { Result } from "@/lib/shared/result";

export type PaymentAttempt = typeof paymentAttempts.$inferSelect;

export type ProductError =
  | { code: "slot_not_found" }
  | { code: "slot_unavailable"; doctorId: string; reason: "taken" | "past" | "closed" }
  | { code: "doctor_not_found" }
  | { code: "chat_not_offered"; doctorId: string }
  | { code: "amount_out_of_range"; minRial: number; maxRial: number }
  | { code: "reschedule_refused"; reason: RescheduleRefusal };

/** Why a reservation cannot be moved to a slot (issue 13 §2); each has its Persian message. */
export type RescheduleRefusal =
  | "reservation_not_found"
  | "not_movable"
  | "window_closed"
  | "slot_not_found"
  | "other_doctor"
  | "same_slot"
  | "slot_taken"
  | "slot_closed"
  | "slot_past"
  | "moved_meanwhile"
  | "fee_changed"
  | "payment_required";

export type Priced = { amountRial: number; description: string };

/** One thing a patient can pay for. The payment engine prices it from the database before every attempt
 * and fulfils it inside the transaction that marks the attempt paid. */
export interface Product<T extends PaymentTarget> {
  price(db: Db, target: T, now: Date): Promise<Result<Priced, ProductError>>;
  /** Creates the paid-for record, or says it can no longer be had (the engine then refunds). */
  fulfil(tx: Db, attempt: PaymentAttempt & { target: T }, now: Date): Promise<"fulfilled" | "unavailable">;
}

/** One product for each kind of target. The engine receives them from where it is wired (lib/checkout/
 * app-engine.ts), so payments never imports the products that implement this interface. */
export type Products = { [K in PaymentTarget["kind"]]: Product<Extract<PaymentTarget, { kind: K }>> };

/** The product for a target, typed loosely enough to call with any target of its own kind. */
export function productFor(products: Products, target: PaymentTarget): Product<PaymentTarget> {
  return products[target.kind] as Product<PaymentTarget>;
}
