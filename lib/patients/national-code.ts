import { latinDigits } from "@/lib/i18n/normalize";
import { err, ok, type Result } from "@/lib/shared/result";

export type NationalCodeError = { code: "national_code_length" } | { code: "national_code_invalid" };

/** The check digit of an Iranian national code: the first nine digits weighted 10…2, summed, mod 11; a remainder
 * below 2 is the check digit itself, otherwise 11 minus it. */
function checkDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const remainder = sum % 11;
  return remainder < 2 ? remainder : 11 - remainder;
}

/** A national code as typed (Persian or Latin digits, spaces or dashes between groups) to its ten Latin digits,
 * or why it is not one. Ten equal digits pass the checksum but are never issued, so they are refused. */
export function parseNationalCode(input: string): Result<string, NationalCodeError> {
  const digits = latinDigits(input).replace(/[\s\-\u200c]/g, "");
  if (!/^\d{10}$/.test(digits)) return err({ code: "national_code_length" });
  if (/^(\d)\1{9}$/.test(digits)) return err({ code: "national_code_invalid" });
  if (checkDigit(digits.slice(0, 9)) !== Number(digits[9])) return err({ code: "national_code_invalid" });
  return ok(digits);
}

/** A valid code built from nine digits (for tests and the demo seed). */
export function withCheckDigit(nine: string): string {
  return `${nine}${checkDigit(nine)}`;
}
