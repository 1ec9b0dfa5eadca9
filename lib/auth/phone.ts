import { latinDigits } from "@/lib/i18n/normalize";

/** Accepts an Iranian mobile number as people write it — 0912…, 912…, +98912…, 0098912…, 98912…, with
 * Persian or Arabic digits, spaces or dashes — and returns the canonical `09xxxxxxxxx`, or null. */
export function normalizeIranianMobile(input: string): string | null {
  const compact = latinDigits(input).replace(/[\s\-().\u200c]/g, "");
  const match = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(compact);
  return match ? `0${match[1]}` : null;
}
