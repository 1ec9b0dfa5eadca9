import Link from "next/link";
import type { ComponentProps } from "react";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { WalletStatement } from "@/lib/wallet/wallet-statement";
import { LedgerList } from "./ledger-list";
import { TopupForm } from "./topup-form";
import { WithdrawForm } from "./withdraw-form";
import { WithdrawalList, type WithdrawalView } from "./withdrawal-list";

const t = messages.wallet;
const m = messages.moneyOut;

/** The patient's wallet: the balance, a top-up, a withdrawal to their own account (once their name is on the
 * profile and there is something to withdraw), their withdrawals and the statement. */
export function WalletView({
  statement,
  topup,
  withdraw,
  withdrawals,
}: {
  statement: WalletStatement;
  topup: ComponentProps<typeof TopupForm>;
  withdraw: {
    action: ComponentProps<typeof WithdrawForm>["action"];
    requestId: string;
    /** The account holder's name a withdrawal must match; null while the profile has no name. */
    holderName: string | null;
    /** Just back from a withdrawal request: say it was received. */
    requested: boolean;
  };
  withdrawals: WithdrawalView[];
}) {
  return (
    <div className="stack wallet-page">
      <h1>{t.title}</h1>
      <section className="card wallet-balance" aria-labelledby="balance-heading">
        <h2 id="balance-heading">{t.balance}</h2>
        <p className="balance-amount amount" data-testid="wallet-balance">
          {formatToman(statement.balanceRial)}
        </p>
        <p className="hint">{t.balanceHint}</p>
      </section>
      <section className="card stack" aria-labelledby="topup-heading">
        <h2 id="topup-heading">{t.topupTitle}</h2>
        <TopupForm {...topup} />
      </section>
      <section className="card stack" aria-labelledby="withdraw-heading">
        <h2 id="withdraw-heading">{m.withdrawTitle}</h2>
        {withdraw.requested ? (
          <p className="alert success" role="status">
            {m.requested}
          </p>
        ) : null}
        <p className="hint">{m.withdrawHint}</p>
        {withdraw.holderName !== null ? (
          statement.balanceRial > 0 ? (
            <WithdrawForm
              action={withdraw.action}
              requestId={withdraw.requestId}
              holderName={withdraw.holderName}
              balanceText={formatToman(statement.balanceRial)}
            />
          ) : (
            <p className="muted">{m.nothingToWithdraw}</p>
          )
        ) : (
          <p>
            {m.nameFirst} <Link href="/profile">{m.toProfile}</Link>
          </p>
        )}
      </section>
      {withdrawals.length > 0 ? (
        <section className="card stack" aria-labelledby="withdrawals-heading">
          <h2 id="withdrawals-heading">{m.listTitle}</h2>
          <WithdrawalList rows={withdrawals} />
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="history-heading">
        <h2 id="history-heading">{t.historyTitle}</h2>
        <LedgerList statement={statement} />
      </section>
    </div>
  );
}
