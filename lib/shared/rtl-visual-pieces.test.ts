import { describe, expect, it } from "vitest";
import { visualPieces } from "./rtl-visual-pieces";

/** The pieces, left to right, as the page shows them: shaped words marked with «», spaces as _. */
const drawn = (text: string, direction?: "rtl" | "ltr") =>
  visualPieces(text, direction).map((p) => (p.space ? "_" : p.shape ? `«${p.text}»` : p.text));

describe("visualPieces", () => {
  it("puts a right-to-left line's words from right to left, each word whole (in logical order) for the shaper", () => {
    expect(drawn("رسید پرداخت")).toEqual(["«پرداخت»", "_", "«رسید»"]);
  });

  it("keeps numbers left to right inside a Persian line, one digit a piece so the shaper cannot turn them", () => {
    expect(drawn("نوبت ۱۲")).toEqual(["۱", "۲", "_", "«نوبت»"]);
    expect(drawn("مبلغ: ۳۵۰٬۰۰۰ تومان")).toEqual(["«تومان»", "_", "۳", "۵", "۰", "٬", "۰", "۰", "۰", "_", ":", "«مبلغ»"]);
  });

  it("keeps a half-space word (نیم‌فاصله) in one piece and mirrors brackets on the right-to-left side", () => {
    expect(drawn("برای (فرزند) نوبت‌ها")).toEqual(["«نوبت‌ها»", "_", "(", "«فرزند»", ")", "_", "«برای»"]);
  });

  it("draws Latin text inside a Persian line left to right, and a left-to-right line as it is", () => {
    expect(drawn("کارت card 12")).toEqual(["card 12", "_", "«کارت»"]);
    expect(drawn("502229******5995", "ltr")).toEqual(["502229******5995"]);
    expect(drawn("۵۰۲۲۲۹******۵۹۹۵", "ltr").join("")).toBe("۵۰۲۲۲۹******۵۹۹۵");
  });
});
