import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { LedgerList } from "@/components/wallet/ledger-list";
import { TopupForm } from "@/components/wallet/topup-form";
import { WithdrawForm } from "@/components/wallet/withdraw-form";
import { WithdrawalList } from "@/components/wallet/withdrawal-list";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { profileOf, hasName, fullName } from "@/lib/patients/profile";
import { walletStatement } from "@/lib/wallet/wallet-statement";
import { withdrawalsOf } from "@/lib/wallet/withdrawals";
import { topUpAction } from "./actions";
import { withdrawAction } from "./withdraw-action";

const t = messages.wallet;

export const metadata: Metadata = { title: t.title };

const PRESET_TOMAN = [100_000, 200_000, 500_000, 1_000_000];
const pageParam = z.coerce.number().int().positive().catch(1);

const m = messages.moneyOut;

export default async function WalletPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[]; withdrawal?: string | string[] }>;
}) {
  const user = await requireUser("/wallet");
  const { page, withdrawal } = await searchParams;
  const statement = await walletStatement(db(), user.userId, { page: pageParam.parse(page) });
  const { topupMinRial, topupMaxRial } = config().wallet;
  const presets = PRESET_TOMAN.filter((toman) => toman * 10 >= topupMinRial && toman * 10 <= topupMaxRial).map((toman) => ({
    toman,
    label: formatToman(toman * 10),
  }));
  const [profile, ownWithdrawals] = await Promise.all([profileOf(db(), user.userId), withdrawalsOf(db(), user.userId)]);

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
        <TopupForm
          action={topUpAction}
          limitsText={t.amountLimits(formatToman(topupMinRial), formatToman(topupMaxRial))}
          presets={presets}
        />
      </section>
      <section className="card stack" aria-labelledby="withdraw-heading">
        <h2 id="withdraw-heading">{m.withdrawTitle}</h2>
        {withdrawal === "requested" ? (
          <p className="alert success" role="status">
            {m.requested}
          </p>
        ) : null}
        <p className="hint">{m.withdrawHint}</p>
        {profile && hasName(profile) ? (
          statement.balanceRial > 0 ? (
            <WithdrawForm
              action={withdrawAction}
              requestId={randomUUID()}
              holderName={fullName({ firstName: profile.firstName!, lastName: profile.lastName! })}
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
      {ownWithdrawals.length > 0 ? (
        <section className="card stack" aria-labelledby="withdrawals-heading">
          <h2 id="withdrawals-heading">{m.listTitle}</h2>
          <WithdrawalList rows={ownWithdrawals} />
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="history-heading">
        <h2 id="history-heading">{t.historyTitle}</h2>
        <LedgerList statement={statement} />
      </section>
    </div>
  );
}
