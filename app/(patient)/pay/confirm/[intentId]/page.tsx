import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionButton } from "@/components/payments/action-button";
import { PurchaseExpired } from "@/components/wallet/purchase-expired";
import { PurchaseGone } from "@/components/wallet/purchase-gone";
import { PurchaseSummary } from "@/components/wallet/purchase-summary";
import { requireUser } from "@/lib/auth/current-user";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { sealedPurchase } from "@/lib/checkout/sealed-purchase";
import { finishWithWalletAction } from "./actions";

const t = messages.wallet;

export const metadata: Metadata = { title: t.confirmTitle };

/** Back from a top-up: the same sealed purchase, one button to finish it with the wallet. */
export default async function ConfirmWithWalletPage({ params }: { params: Promise<{ intentId: string }> }) {
  const { intentId } = await params;
  const user = await requireUser(`/pay/confirm/${intentId}`);
  const sealed = await sealedPurchase(user, intentId);
  if (!sealed) return <PurchaseExpired />;
  const { intent, view } = sealed;
  if (view.unavailable) return <PurchaseGone view={view} />;
  // Still short (the top-up failed, or the balance was spent meanwhile): back to the choice.
  if (view.topupRial > 0) redirect(`/pay/shortfall/${intent.id}`);

  return (
    <div className="card stack narrow-card">
      <h1>{t.confirmTitle}</h1>
      <p className="alert success">{t.confirmReady}</p>
      <PurchaseSummary
        view={view}
        extra={[{ label: t.balanceAfterPurchase, value: formatToman(view.walletBalanceRial - view.priceRial), testId: "balance-after" }]}
      />
      <ActionButton
        action={finishWithWalletAction}
        fields={{ intentId: intent.id }}
        label={view.visit ? t.finishReservation : t.finishChat}
      />
    </div>
  );
}
