import Link from "next/link";
import { formatJalaliDateTime, formatJalaliShortDate, formatTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { StatementEntry, WalletStatement } from "@/lib/wallet/wallet-statement";

const t = messages.wallet;

/** A sentence a patient understands for one ledger entry. */
function describe(entry: StatementEntry): string {
  const what = t.reasons[entry.reason](entry.doctorName);
  return entry.visitAt ? `${what} (${t.visitAt(formatJalaliShortDate(entry.visitAt) + "، " + formatTime(entry.visitAt))})` : what;
}

/** The staff's explanation is worth showing; the engine's own notes only repeat the reason. */
const SHOWS_NOTE: StatementEntry["reason"][] = ["staff_adjustment", "cancellation_refund"];

function Entry({ entry }: { entry: StatementEntry }) {
  const credit = entry.amountRial > 0;
  return (
    <li className="ledger-entry" data-testid="ledger-entry" data-reason={entry.reason}>
      <div className="ledger-main">
        <p className="ledger-what">{describe(entry)}</p>
        {entry.note && SHOWS_NOTE.includes(entry.reason) ? <p className="hint">{entry.note}</p> : null}
        <p className="hint">
          <time dateTime={entry.createdAt.toISOString()}>{formatJalaliDateTime(entry.createdAt)}</time>
        </p>
      </div>
      <div className="ledger-money">
        <p className={credit ? "ledger-amount credit amount" : "ledger-amount debit amount"}>
          <span className="visually-hidden">{credit ? t.credit : t.debit} </span>
          <span aria-hidden="true">{credit ? "+" : "−"}</span>
          {formatToman(Math.abs(entry.amountRial))}
        </p>
        <p className="hint amount">{t.balanceAfter(formatToman(entry.balanceAfterRial))}</p>
      </div>
    </li>
  );
}

export function LedgerList({ statement }: { statement: WalletStatement }) {
  if (statement.entries.length === 0) return <p className="muted">{t.historyEmpty}</p>;
  const { page, pageCount } = statement;
  return (
    <>
      <ul className="ledger">
        {statement.entries.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ul>
      {pageCount > 1 ? (
        <nav className="pager" aria-label={t.pagination}>
          {page > 1 ? (
            <Link className="button secondary" href={page === 2 ? "/wallet" : `/wallet?page=${page - 1}`} rel="prev">
              {t.newer}
            </Link>
          ) : (
            <span />
          )}
          <span className="hint">{t.page(persianNumber(page), persianNumber(pageCount))}</span>
          {page < pageCount ? (
            <Link className="button secondary" href={`/wallet?page=${page + 1}`} rel="next">
              {t.older}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
