import { describe, expect, it } from "vitest";
import { normalizePersian } from "./normalize";

describe("normalizePersian", () => {
  it("folds Arabic letters and digits, and drops what the database refuses, whatever was typed", () => {
    expect(normalizePersian("\u0000قلب\uD83D")).toBe("قلب");
    expect(normalizePersian("كيوان ۱۲")).toBe("کیوان 12");
    expect(new TextEncoder().encode(normalizePersian("\uDC00\u0000")).length).toBe(0);
  });
});
