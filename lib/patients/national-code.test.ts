import { describe, expect, it } from "vitest";
import { parseNationalCode, withCheckDigit } from "./national-code";

describe("national code (کد ملی)", () => {
  it("accepts ten digits whose check digit is right, in Latin or Persian digits, with spaces or dashes", () => {
    expect(parseNationalCode("0012345679")).toEqual({ ok: true, value: "0012345679" });
    expect(parseNationalCode("۰۰۷۳۳۹۰۶۱۵")).toEqual({ ok: true, value: "0073390615" });
    expect(parseNationalCode("٤٤٩-٠١٢٣٤٥-٠")).toEqual({ ok: true, value: "4490123450" });
    expect(parseNationalCode(" 123 456789 1 ")).toEqual({ ok: true, value: "1234567891" });
  });

  it("refuses a wrong check digit", () => {
    for (const code of ["0012345678", "1234567890", "۰۰۷۳۳۹۰۶۱۴"]) {
      expect(parseNationalCode(code)).toEqual({ ok: false, error: { code: "national_code_invalid" } });
    }
  });

  it("refuses a code of ten equal digits, which passes the sum but is never issued", () => {
    expect(parseNationalCode("1111111111")).toEqual({ ok: false, error: { code: "national_code_invalid" } });
  });

  it("refuses anything but ten digits", () => {
    for (const code of ["", "001234567", "00123456790", "00123a5679", "12345678901234"]) {
      expect(parseNationalCode(code)).toEqual({ ok: false, error: { code: "national_code_length" } });
    }
  });

  it("builds valid codes for tests and seeds", () => {
    expect(withCheckDigit("001234567")).toBe("0012345679");
    expect(parseNationalCode(withCheckDigit("987654321")).ok).toBe(true);
  });
});
