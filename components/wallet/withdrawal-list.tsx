import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { formatSheba } from "@/lib/wallet/sheba";

const t = messages.moneyOut;

export type WithdrawalView = {
  id: string;
  createdAt: Date;
  amountRial: number;
  sheba: string;
  status: "requested" | "paid" | "rejected";
  bankReference: string | null;
  rejectReason: string | null;
};

/** The patient's withdrawals and where each stands. */
export function WithdrawalList({ rows }: { rows: WithdrawalView[] }) {
  if (rows.length === 0) return <p className="muted">{t.listEmpty}</p>;
  return (
    <ul className="stack" data-testid="withdrawal-list">
      {rows.map((w) => (
        <li key={w.id} className="ledger-entry" data-testid="withdrawal" data-status={w.status}>
          <div>
            <p>
              <strong className="amount">{formatToman(w.amountRial)}</strong> — {t.status[w.status]}
            </p>
            <p className="hint ltr" dir="ltr">
              {formatSheba(w.sheba)}
            </p>
            {w.bankReference ? <p className="hint">{t.bankReference(persianNumber(w.bankReference))}</p> : null}
            {w.rejectReason ? <p className="hint">{t.rejectReason(w.rejectReason)}</p> : null}
          </div>
          <p className="muted">{formatJalaliDateTime(w.createdAt)}</p>
        </li>
      ))}
    </ul>
  );
}
