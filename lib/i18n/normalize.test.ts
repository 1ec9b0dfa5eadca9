import { describe, expect, it } from "vitest";
import { normalizePersian, stripUnsafeChars } from "./normalize";

describe("stripUnsafeChars", () => {
  it("drops NUL, other control characters and lone surrogates, keeping line breaks, tabs and paired emoji", () => {
    expect(stripUnsafeChars("a\u0000b\u0007c\u007fd")).toBe("abcd");
    expect(stripUnsafeChars("x\uD800y\uDC00z")).toBe("xyz");
    expect(stripUnsafeChars("\uDBFF")).toBe("");
    expect(stripUnsafeChars("سلام 😀\n\tخوبی\r")).toBe("سلام 😀\n\tخوبی\r");
  });

  it("keeps the marks Persian typing uses (RLM, LRM, ZWNJ)", () => {
    expect(stripUnsafeChars("چشم\u200Cپزشکی\u200F\u200E")).toBe("چشم\u200Cپزشکی\u200F\u200E");
  });

  it("gives search text the database accepts, whatever was typed", () => {
    expect(normalizePersian("\u0000قلب\uD83D")).toBe("قلب");
    expect(new TextEncoder().encode(normalizePersian("\uDC00\u0000")).length).toBe(0);
  });
});
