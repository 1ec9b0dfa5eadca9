import { describe, expect, it } from "vitest";
import { isDecodablePath } from "./request-path";

describe("isDecodablePath", () => {
  it("accepts plain, Persian and encoded paths", () => {
    expect(isDecodablePath("/doctors/0b6f2c1e-8f0a-4b43-9b7e-1c2d3e4f5a6b")).toBe(true);
    expect(isDecodablePath("/doctors?q=%D9%82%D9%84%D8%A8")).toBe(true);
    expect(isDecodablePath("/book/%00")).toBe(true);
  });
  it("refuses escapes that are not UTF-8: lone surrogates, stray bytes, cut sequences", () => {
    for (const path of ["/doctors/%ED%A0%80", "/book/%FF%FE", "/chats/x%ED%B0%80", "/pay/result/%D9", "/a/%E0%A4%A"]) {
      expect(isDecodablePath(path), path).toBe(false);
    }
  });
});
