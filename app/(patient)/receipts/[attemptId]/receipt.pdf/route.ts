import { z } from "zod";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { notFoundAnswer, signInFirstAnswer } from "@/lib/auth/route-answers";
import { receiptFor } from "@/lib/payments/receipt";
import { receiptPdf } from "@/lib/payments/receipt-pdf";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";

/** The receipt as a PDF, made on the server (pdfkit, Vazirmatn embedded): for whoever may see the receipt
 * page; anyone else, an unpaid attempt and an unknown id: 404 alike; signed out: sign-in, then the receipt. */
export async function GET(_request: Request, { params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  if (!z.uuid().safeParse(attemptId).success) return notFoundAnswer();
  const user = await currentUser();
  if (!user) return signInFirstAnswer(`/receipts/${attemptId}`);
  const receipt = await receiptFor(db(), user, attemptId);
  if (!receipt) {
    log.info(`[receipt] user ${user.userId} (${user.role}) asked for the PDF receipt of ${attemptId}: none they may see`);
    return notFoundAnswer();
  }
  const pdf = await receiptPdf(receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${messages.receipt.pdfFileName(attemptId.slice(0, 8))}"`,
      "content-length": String(pdf.length),
      "cache-control": "private, no-store",
    },
  });
}
