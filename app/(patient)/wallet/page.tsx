import type { Metadata } from "next";
import { z } from "zod";
import { LedgerList } from "@/components/wallet/ledger-list";
import { TopupForm } from "@/components/wallet/topup-form";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { walletStatement } from "@/lib/wallet/wallet-statement";
import { topUpAction } from "./actions";

const t = messages.wallet;

export const metadata: Metadata = { title: t.title };

const PRESET_TOMAN = [100_000, 200_000, 500_000, 1_000_000];
const pageParam = z.coerce.number().int().positive().catch(1);

export default async function WalletPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const user = await requireUser("/wallet");
  const { page } = await searchParams;
  const statement = await walletStatement(db(), user.userId, { page: pageParam.parse(page) });
  const { topupMinRial, topupMaxRial } = config().wallet;
  const presets = PRESET_TOMAN.filter((toman) => toman * 10 >= topupMinRial && toman * 10 <= topupMaxRial).map((toman) => ({
    toman,
    label: formatToman(toman * 10),
  }));

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
        <TopupForm action={topUpAction} limitsText={t.amountLimits(formatToman(topupMinRial), formatToman(topupMaxRial))} presets={presets} />
      </section>
      <section className="card stack" aria-labelledby="history-heading">
        <h2 id="history-heading">{t.historyTitle}</h2>
        <LedgerList statement={statement} />
      </section>
    </div>
  );
}
