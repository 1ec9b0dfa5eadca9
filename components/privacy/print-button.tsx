"use client";

import { messages } from "@/lib/i18n/messages";

/** The browser's print dialog, which also saves as PDF. Hidden when printing. */
export function PrintButton() {
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {messages.privacy.print}
    </button>
  );
}
