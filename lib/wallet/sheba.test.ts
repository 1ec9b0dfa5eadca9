import { describe, expect, it } from "vitest";
import { formatSheba, parseSheba, shebaWithCheckDigits } from "./sheba";

// A published example of an Iranian IBAN (its check digits are right).
const VALID = "IR062960000000100324200001";

describe("Sheba numbers", () => {
  it("accept the canonical form, Persian digits, spaces, dashes, lower-case ir and a missing IR", () => {
    expect(parseSheba(VALID)).toEqual({ ok: true, value: VALID });
    expect(parseSheba("IR06 2960 0000 0010 0324 2000 01")).toEqual({ ok: true, value: VALID });
    expect(parseSheba("ir۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱")).toEqual({ ok: true, value: VALID });
    expect(parseSheba(" IR06-2960-0000-0010-0324-2000-01 ")).toEqual({ ok: true, value: VALID });
    expect(parseSheba("062960000000100324200001")).toEqual({ ok: true, value: VALID });
  });

  it("refuse a wrong length, another country, letters inside, and a mistyped digit (mod 97)", () => {
    expect(parseSheba("IR06296000000010032420000")).toEqual({ ok: false, error: { code: "sheba_format" } });
    expect(parseSheba("DE89370400440532013000")).toEqual({ ok: false, error: { code: "sheba_format" } });
    expect(parseSheba("IR0629600000001003242000A1")).toEqual({ ok: false, error: { code: "sheba_format" } });
    expect(parseSheba("")).toEqual({ ok: false, error: { code: "sheba_format" } });
    expect(parseSheba("IR062960000000100324200002")).toEqual({ ok: false, error: { code: "sheba_checksum" } });
    expect(parseSheba("IR602960000000100324200001")).toEqual({ ok: false, error: { code: "sheba_checksum" } });
  });

  it("check digits made for any account pass, and every single-digit change of them fails", () => {
    const made = shebaWithCheckDigits("0170000000123456789012");
    expect(parseSheba(made)).toEqual({ ok: true, value: made });
    for (let i = 2; i < made.length; i++) {
      const digit = Number(made[i]);
      const changed = `${made.slice(0, i)}${(digit + 1) % 10}${made.slice(i + 1)}`;
      expect(parseSheba(changed).ok).toBe(false);
    }
  });

  it("is shown grouped by four", () => {
    expect(formatSheba(VALID)).toBe("IR06 2960 0000 0010 0324 2000 01");
  });
});
