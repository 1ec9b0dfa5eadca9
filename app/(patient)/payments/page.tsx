import type { Metadata } from "next";
import { Suspense } from "react";
import { GatewayPoller } from "@/components/payments/gateway-poller";
import { PaymentList, PaymentListSkeleton } from "@/components/payments/payment-list";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { MY_PAYMENTS_LIMIT, myPayments } from "@/lib/payments/my-payments";
import { recheckMyPaymentsAction } from "./actions";

const t = messages.patient.payments;

export const metadata: Metadata = { title: t.title };

async function Payments({ userId }: { userId: string }) {
  const payments = await myPayments(db(), userId);
  return (
    <>
      <PaymentList payments={payments} />
      {payments.some((p) => p.status === "pending" || p.status === "verifying") ? (
        <GatewayPoller recheck={recheckMyPaymentsAction} />
      ) : null}
      {payments.length === MY_PAYMENTS_LIMIT ? <p className="hint">{t.shownLatest(MY_PAYMENTS_LIMIT)}</p> : null}
    </>
  );
}

export default async function MyPaymentsPage() {
  const user = await requireUser("/payments");
  return (
    <div className="stack narrow-page">
      <div>
        <h1>{t.title}</h1>
        <p className="muted">{t.lead}</p>
      </div>
      <Suspense fallback={<PaymentListSkeleton />}>
        <Payments userId={user.userId} />
      </Suspense>
    </div>
  );
}
