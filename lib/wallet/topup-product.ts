import type { TopupTarget } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";
import type { Product } from "@/lib/payments/product";
import { err, ok } from "@/lib/shared/result";
import { creditWallet } from "@/lib/ledger/ledger";

export type TopupLimits = { minRial: number; maxRial: number };

/** Wallet top-up: the credit is written, once, in the transaction that marks the payment paid. */
export function topupProduct(limits: TopupLimits): Product<TopupTarget> {
  return {
    async price(_db, target) {
      if (!Number.isInteger(target.amountRial) || target.amountRial < limits.minRial || target.amountRial > limits.maxRial) {
        return err({ code: "amount_out_of_range", minRial: limits.minRial, maxRial: limits.maxRial });
      }
      return ok({ amountRial: target.amountRial, description: messages.payment.topupDescription });
    },
    async fulfil(tx, attempt) {
      await creditWallet(tx, { userId: attempt.userId, amountRial: attempt.amountRial, reason: "topup", reference: attempt.id });
      return "fulfilled";
    },
  };
}
