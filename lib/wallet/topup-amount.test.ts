import { describe, expect, it } from "vitest";
import { parseTomanToRial, shortfallTopupRial } from "./topup-amount";

describe("parseTomanToRial", () => {
  it("reads whole Toman in any digits, with or without thousands separators, as Rial", () => {
    expect(parseTomanToRial("200000")).toBe(2_000_000);
    expect(parseTomanToRial("۲۰۰۰۰۰")).toBe(2_000_000);
    expect(parseTomanToRial("٢٠٠٠٠٠")).toBe(2_000_000);
    expect(parseTomanToRial("۲۰۰٬۰۰۰")).toBe(2_000_000);
    expect(parseTomanToRial(" 1,500,000 ")).toBe(15_000_000);
    expect(parseTomanToRial("1")).toBe(10);
  });

  it("refuses anything that is not a positive whole number", () => {
    for (const bad of ["", "   ", "0", "۰", "-5000", "12.5", "۱۲٫۵", "1e6", "دویست", "100 تومان", "0x10", "1234567890123"]) {
      expect(parseTomanToRial(bad), bad).toBeNull();
    }
  });
});

describe("shortfallTopupRial", () => {
  it("is the difference, rounded up to whole Toman", () => {
    expect(shortfallTopupRial(3_500_000, 1_000_000, 10_000)).toBe(2_500_000);
    expect(shortfallTopupRial(3_500_005, 1_000_000, 10_000)).toBe(2_500_010);
  });
  it("is at least the top-up minimum", () => {
    expect(shortfallTopupRial(3_500_000, 3_497_000, 10_000)).toBe(10_000);
  });
  it("is zero when the balance already covers the price", () => {
    expect(shortfallTopupRial(3_500_000, 3_500_000, 10_000)).toBe(0);
    expect(shortfallTopupRial(3_500_000, 9_000_000, 10_000)).toBe(0);
  });
});
