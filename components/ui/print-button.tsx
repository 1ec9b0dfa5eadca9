"use client";

/** The browser's print dialog, which also saves as PDF. Hidden when printing. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
