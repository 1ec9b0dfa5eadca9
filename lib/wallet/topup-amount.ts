import { latinDigits } from "@/lib/i18n/normalize";

/** Top-up amounts: the patient types Toman, the engine takes Rial. */

/** A whole number of Toman as typed (Persian, Arabic or Latin digits, with or without thousands
 * separators), in Rial; null when it is not one. Limits are the top-up product's to check. */
export function parseTomanToRial(text: string): number | null {
  const digits = latinDigits(text).replace(/[\s,٬،'’]/g, "");
  if (!/^\d{1,12}$/.test(digits)) return null;
  const toman = Number(digits);
  return toman > 0 ? toman * 10 : null;
}

/** The top-up that lets the wallet pay `priceRial`: the difference rounded up to whole Toman (what the
 * patient is shown), but at least the top-up minimum. Zero when the balance already covers it. */
export function shortfallTopupRial(priceRial: number, balanceRial: number, minTopupRial: number): number {
  const shortfall = priceRial - balanceRial;
  return shortfall <= 0 ? 0 : Math.max(Math.ceil(shortfall / 10) * 10, minTopupRial);
}
