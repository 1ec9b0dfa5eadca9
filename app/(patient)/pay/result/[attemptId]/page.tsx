import type { Metadata } from "next";
import { z } from "zod";
import { PaymentNotFound } from "@/components/payments/payment-not-found";
import { PaymentResult } from "@/components/payments/result/payment-result";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { paymentResultView } from "@/lib/payments/payment-result";
import { recheckPaymentAction, retryPaymentAction } from "./actions";
import { BackToCardOffer } from "./back-to-card-offer";

export const metadata: Metadata = { title: messages.payment.resultTitle };

export default async function PaymentResultPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const user = await requireUser(`/pay/result/${attemptId}`);
  const view = z.uuid().safeParse(attemptId).success ? await paymentResultView(db(), user.userId, attemptId) : null;
  if (!view) return <PaymentNotFound />;
  return (
    <PaymentResult
      view={view}
      retry={retryPaymentAction}
      recheck={recheckPaymentAction.bind(null, view.attemptId)}
      backToCard={<BackToCardOffer attemptId={view.attemptId} />}
    />
  );
}
