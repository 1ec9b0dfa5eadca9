import type { Metadata } from "next";
import { PaymentNotFound } from "@/components/payments/payment-not-found";
import { messages } from "@/lib/i18n/messages";

export const metadata: Metadata = { title: messages.payment.notFoundTitle };

export default function PaymentNotFoundPage() {
  return <PaymentNotFound />;
}
