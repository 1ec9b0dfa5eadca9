import { latinDigits } from "@/lib/i18n/normalize";
import { err, ok, type Result } from "@/lib/shared/result";

export type ShebaError = { code: "sheba_format" } | { code: "sheba_checksum" };

/** ISO 13616 (IBAN) check: the first four characters moved to the end, letters as 10…35, the whole read as one
 * number mod 97 must be 1. Computed digit by digit, since 30 digits do not fit in a double. */
function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** A Sheba number (شماره شبا) as typed — Persian or Latin digits, spaces, dashes or zero-width joiners between
 * groups, "IR" in any case or left out — to its canonical "IR" + 24 digits, or why it is not one. */
export function parseSheba(input: string): Result<string, ShebaError> {
  const compact = latinDigits(input)
    .replace(/[\s\-\u200c\u200e\u200f]/g, "")
    .toUpperCase();
  const sheba = /^\d{24}$/.test(compact) ? `IR${compact}` : compact;
  if (!/^IR\d{24}$/.test(sheba)) return err({ code: "sheba_format" });
  if (ibanRemainder(sheba) !== 1) return err({ code: "sheba_checksum" });
  return ok(sheba);
}

/** A valid Sheba number from its 22 account digits (bank code and account), for tests and the demo. */
export function shebaWithCheckDigits(account22: string): string {
  const check = 98 - ibanRemainder(`IR00${account22}`);
  return `IR${String(check).padStart(2, "0")}${account22}`;
}

/** Grouped by four for reading, as Iranian banks print it: "IR06 2960 …". */
export function formatSheba(sheba: string): string {
  return sheba.replace(/(.{4})(?=.)/g, "$1 ");
}
