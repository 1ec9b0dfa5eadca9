import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ReceiptView } from "@/components/payments/receipt-view";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { receiptFor } from "@/lib/payments/receipt";
import { log } from "@/lib/shared/log";

export const metadata: Metadata = { title: messages.receipt.title };

/** The receipt of a paid purchase: its payer, the clinic's staff and the platform admin; anyone else, an
 * unpaid attempt and an unknown id get the same "not found". */
export default async function ReceiptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const user = await requireUser(`/receipts/${attemptId}`);
  const receipt = z.uuid().safeParse(attemptId).success ? await receiptFor(db(), user, attemptId) : null;
  if (!receipt) {
    log.info(`[receipt] user ${user.userId} (${user.role}) asked for the receipt of ${attemptId.slice(0, 64)}: none they may see`);
    notFound();
  }
  return <ReceiptView receipt={receipt} pdfHref={`/receipts/${receipt.attemptId}/receipt.pdf`} />;
}
