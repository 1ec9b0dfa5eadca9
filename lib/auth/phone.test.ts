import { describe, expect, it } from "vitest";
import { normalizeIranianMobile } from "./phone";

describe("normalizeIranianMobile", () => {
  it.each([
    ["national form", "09121234567"],
    ["+98", "+989121234567"],
    ["98 without plus", "989121234567"],
    ["0098", "00989121234567"],
    ["no leading zero", "9121234567"],
    ["Persian digits", "۰۹۱۲۱۲۳۴۵۶۷"],
    ["Persian digits with +98", "+۹۸۹۱۲۱۲۳۴۵۶۷"],
    ["Arabic-Indic digits", "٠٩١٢١٢٣٤٥٦٧"],
    ["mixed Persian and Latin digits", "09۱۲123۴۵67"],
    ["spaces", "0912 123 4567"],
    ["dashes", "0912-123-4567"],
    ["+98 with spaces and dashes", "+98 912-123 4567"],
    ["surrounding whitespace", "  09121234567\n"],
    ["parentheses", "(0912) 123 4567"],
  ])("accepts %s", (_label, input) => {
    expect(normalizeIranianMobile(input)).toBe("09121234567");
  });

  it("keeps the operator prefix it was given", () => {
    expect(normalizeIranianMobile("+98 935 000 0000")).toBe("09350000000");
    expect(normalizeIranianMobile("۹۹۰۱۲۳۴۵۶۷")).toBe("09901234567");
    expect(normalizeIranianMobile("00989011112222")).toBe("09011112222");
  });

  it.each([
    ["a Tehran landline", "02112345678"],
    ["a landline with +98", "+982112345678"],
    ["a landline without the zero", "2188776655"],
    ["one digit short", "0912123456"],
    ["one digit long", "091212345678"],
    ["too long with +98", "+9891212345678"],
    ["too short with +98", "+98912123456"],
    ["a letter", "0912123456a"],
    ["letters only", "phone"],
    ["a Persian letter", "۰۹۱۲۱۲۳۴۵۶ا"],
    ["a non-Iranian number", "+14155552671"],
    ["a non-Iranian number shaped like a mobile", "+449121234567"],
    ["a plus without country code", "+09121234567"],
    ["an empty string", ""],
    ["only spaces", "   "],
  ])("rejects %s", (_label, input) => {
    expect(normalizeIranianMobile(input)).toBeNull();
  });

  it("always returns a value the database's phone check accepts", () => {
    for (const input of ["+989121234567", "۰۹۱۲۱۲۳۴۵۶۷", "912 123 4567", "0098-912-123-4567"]) {
      expect(normalizeIranianMobile(input)).toMatch(/^09\d{9}$/);
    }
  });
});
