import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { Receipt } from "./receipt";

const t = messages.receipt;

/** One line of a receipt: a label and its value. `ltr`: the value reads left to right whatever the page's
 * direction (a card number, the receipt number). */
export type ReceiptRow = { key: string; label: string; value: string; ltr?: boolean };

/** What it bought, in words: "ویزیت دکتر …", "مشاوره متنی با دکتر …", "افزایش اعتبار کیف پول". */
export function receiptPurchase(receipt: Receipt): string {
  if (receipt.kind === "topup" || !receipt.doctor) return t.bought.topup;
  if (receipt.kind === "reschedule") return t.bought.reschedule(receipt.doctor.name);
  return receipt.kind === "chat" ? t.bought.chat(receipt.doctor.name) : t.bought.reservation(receipt.doctor.name);
}

/** The receipt's lines, in the order the page and the PDF both show them: one list, so the two never differ. */
export function receiptRows(receipt: Receipt): ReceiptRow[] {
  const rows: (ReceiptRow | null)[] = [
    { key: "bought", label: t.rows.bought, value: receiptPurchase(receipt) },
    receipt.visit ? { key: "visitAt", label: t.rows.visitAt, value: formatJalaliDateTime(receipt.visit.startsAt) } : null,
    receipt.doctor ? { key: "doctor", label: t.rows.doctor, value: `${receipt.doctor.name}، ${receipt.doctor.title}` } : null,
    receipt.clinic ? { key: "clinic", label: t.rows.clinic, value: receipt.clinic.name } : null,
    receipt.clinic ? { key: "address", label: t.rows.address, value: receipt.clinic.address } : null,
    receipt.forWhom ? { key: "forWhom", label: receipt.kind === "chat" ? t.rows.chatFor : t.rows.forWhom, value: receipt.forWhom } : null,
    receipt.payerName ? { key: "payer", label: t.rows.payer, value: receipt.payerName } : null,
    { key: "amount", label: t.rows.amount, value: formatToman(receipt.amountRial) },
    { key: "method", label: t.rows.method, value: receipt.viaWallet ? t.viaWallet : t.viaGateway },
    receipt.refId ? { key: "refId", label: t.rows.refId, value: persianNumber(receipt.refId) } : null,
    receipt.cardPan ? { key: "card", label: t.rows.card, value: persianNumber(receipt.cardPan), ltr: true } : null,
    { key: "paidAt", label: t.rows.paidAt, value: formatJalaliDateTime(receipt.paidAt) },
    { key: "receiptNumber", label: t.rows.receiptNumber, value: receipt.attemptId, ltr: true },
  ];
  return rows.filter((row): row is ReceiptRow => row !== null);
}
