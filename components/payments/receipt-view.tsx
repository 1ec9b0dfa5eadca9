import Link from "next/link";
import { PrintButton } from "@/components/ui/print-button";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { Receipt } from "@/lib/payments/receipt";
import { receiptRows } from "@/lib/payments/receipt-rows";

const t = messages.receipt;

/** The receipt of one paid purchase, the same lines as its PDF. Printed, it is black on white without the
 * site's header and the buttons (globals.css, `@media print`). */
export function ReceiptView({ receipt, pdfHref }: { receipt: Receipt; pdfHref: string }) {
  return (
    <article className="card stack receipt" aria-labelledby="receipt-title" data-testid="receipt">
      <header className="receipt-head">
        <p className="receipt-brand">{t.brand}</p>
        <h1 id="receipt-title">{t.title}</h1>
      </header>
      {receipt.visit ? (
        <div className="receipt-turn" data-testid="receipt-turn">
          <strong>{t.turn(receipt.visit.turn)}</strong>
          <span>{formatJalaliDateTime(receipt.visit.startsAt)}</span>
          <span className="hint">{t.turnHint}</span>
        </div>
      ) : null}
      {receipt.visit?.cancelled ? <p className="alert warning">{t.cancelled}</p> : null}
      <dl className="receipt-rows">
        {receiptRows(receipt).map((row) => (
          <div key={row.key} className="receipt-row" data-testid={`receipt-${row.key}`}>
            <dt>{row.label}</dt>
            <dd className={row.key === "amount" ? "amount" : undefined}>{row.ltr ? <bdi dir="ltr">{row.value}</bdi> : row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t.footer}</p>
      <div className="row no-print">
        <a className="button" href={pdfHref} download data-testid="receipt-pdf">
          {t.downloadPdf}
        </a>
        <PrintButton label={t.print} />
        <Link className="button link" href="/payments">
          {t.back}
        </Link>
      </div>
    </article>
  );
}

/** The link to a purchase's receipt, for lists and result pages. */
export function ReceiptLink({ attemptId, className = "button link" }: { attemptId: string; className?: string }) {
  return (
    <Link className={className} href={`/receipts/${attemptId}`} data-testid="receipt-link">
      {t.link}
    </Link>
  );
}
