import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { z } from "zod";
import { WalletView } from "@/components/wallet/wallet-view";
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
    <WalletView
      statement={statement}
      topup={{ action: topUpAction, limitsText: t.amountLimits(formatToman(topupMinRial), formatToman(topupMaxRial)), presets }}
      withdraw={{
        action: withdrawAction,
        requestId: randomUUID(),
        holderName: profile && hasName(profile) ? fullName({ firstName: profile.firstName!, lastName: profile.lastName! }) : null,
        requested: withdrawal === "requested",
      }}
      withdrawals={ownWithdrawals}
    />
  );
}
