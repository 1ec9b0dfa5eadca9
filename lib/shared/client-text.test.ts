import { describe, expect, it } from "vitest";
import { formEntries, formFields, stripUnsafeChars } from "./client-text";

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
});

describe("a server action's form", () => {
  it("reads every text field cleaned, lists in order, files ignored", () => {
    const form = new FormData();
    // (FormData itself turns a lone surrogate into U+FFFD; NUL it keeps.)
    form.append("reason", "لغو\u0000 به\u0007 درخواست");
    form.append("confirmed", "a");
    form.append("confirmed", "b");
    form.append("upload", new Blob(["x"]), "x.txt");
    expect(formFields(form)).toEqual(
      new Map([
        ["reason", ["لغو به درخواست"]],
        ["confirmed", ["a", "b"]],
      ]),
    );
    expect(formEntries(form)).toEqual({ reason: "لغو به درخواست", confirmed: "a" });
  });

  it("reads anything that is not a FormData, as a client may send, as an empty form", () => {
    for (const value of [undefined, null, "y", 1, [], {}, [["phone", "0912"]]]) {
      expect(formEntries(value), JSON.stringify(value)).toEqual({});
      expect(formFields(value).size).toBe(0);
    }
  });
});
