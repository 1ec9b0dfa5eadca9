import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { DeletionBlocker, DeletionError } from "./account-deletion";

const t = messages.privacy;

export function blockerMessage(blocker: DeletionBlocker): string {
  switch (blocker.code) {
    case "wallet_balance":
      return t.blockers.wallet_balance(formatToman(blocker.balanceRial));
    case "upcoming_visit":
    case "open_chat":
    case "payment_in_progress":
    case "withdrawal_pending":
    case "card_reversal_in_progress":
      return t.blockers[blocker.code](blocker.count);
  }
}

/** Every line the patient needs to read about a refused deletion. */
export function deletionErrorMessages(error: DeletionError): string[] {
  if (error.code === "blocked") return error.blockers.map(blockerMessage);
  return [error.code === "not_patient" ? t.notPatient : t.notFound];
}

/** Where the patient lifts a blocker themself: a balance is withdrawn from the wallet page. */
export function blockerLink(blocker: DeletionBlocker): { href: string; label: string } | null {
  return blocker.code === "wallet_balance" ? { href: "/wallet", label: t.withdrawFirst } : null;
}
