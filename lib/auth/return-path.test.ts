import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_RETURN_PATH_LENGTH, RETURN_PAGES, resolveReturnPath } from "./return-path";

const APP_URL = "http://localhost:3000";
const HTTPS_APP = "https://drturn.example";

describe("resolveReturnPath", () => {
  it.each([
    ["home", "/", "/"],
    ["empty, which is this page's own address", "", "/"],
    ["a page", "/appointments", "/appointments"],
    ["a page with a query", "/doctors?q=قلب&page=2", "/doctors?q=%D9%82%D9%84%D8%A8&page=2"],
    ["a page with an id", "/book/6f1c2a7e-1b2c-4d5e-8f90-123456789abc", "/book/6f1c2a7e-1b2c-4d5e-8f90-123456789abc"],
    ["a nested page", "/doctors/6f1c2a7e-1b2c-4d5e-8f90-123456789abc/chat", "/doctors/6f1c2a7e-1b2c-4d5e-8f90-123456789abc/chat"],
    ["a staff page", "/staff/payments?status=failed", "/staff/payments?status=failed"],
    ["our own absolute URL", `${APP_URL}/wallet`, "/wallet"],
    ["dot segments that stay home", "/chats/../wallet", "/wallet"],
    ["an encoded slash inside an id", "/doctors/%2F%2Fevil.example", "/doctors/%2F%2Fevil.example"],
    ["a fragment", "/payments#latest", "/payments#latest"],
    [
      "just under the length limit",
      `/doctors?q=${"a".repeat(MAX_RETURN_PATH_LENGTH - 11)}`,
      `/doctors?q=${"a".repeat(MAX_RETURN_PATH_LENGTH - 11)}`,
    ],
  ])("accepts %s", (_label, next, expected) => {
    expect(resolveReturnPath(next, APP_URL)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["a tab between the slashes", "/\t/evil.example"],
    ["an encoded tab as the page decodes it", decodeURIComponent("%2F%09%2Fevil.example")],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return and newline", "/\r\n/evil.example"],
    ["a leading tab", "\t//evil.example"],
    ["a leading space", " //evil.example"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/doctors"],
    ["a backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a backslash after a tab", "/\t\\evil.example"],
    ["encoded slashes", "/%2F%2Fevil.example"],
    ["encoded slash and backslash", "/%2F%5Cevil.example"],
    ["a dot segment into a double slash", "/.//evil.example"],
    ["a scheme without slashes", "https:evil.example"],
    ["a scheme with slashes", "https://evil.example/"],
    ["http with our scheme but no slashes", "http:evil.example"],
    ["another port of our host", "http://localhost:3001/wallet"],
    ["credentials in front of our host", "http://user:pass@localhost:3000/wallet"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["an unknown page", "/evil.example"],
    ["an API route", "/api/metrics"],
    ["the sandbox gateway", "/sandbox/pg/StartPay/A0000"],
    ["sign-in itself", "/login"],
    ["a developer page", "/dev/sms"],
    ["a page with an extra segment", "/wallet/evil"],
    ["an empty id segment", "/doctors//chat"],
    ["a relative path", "evil.example"],
    ["600 characters", `/doctors?q=${"a".repeat(589)}`],
  ])("refuses %s", (_label, next) => {
    const result = resolveReturnPath(next, APP_URL);
    expect(result.ok).toBe(false);
  });

  it("says the 600-character payload is too long rather than not ours", () => {
    expect(resolveReturnPath(`/${"a".repeat(599)}`, APP_URL)).toEqual({ ok: false, error: { code: "too_long" } });
    expect(resolveReturnPath("/\t/evil.example", APP_URL)).toEqual({ ok: false, error: { code: "not_our_page" } });
  });

  it("checks the origin of an https APP_URL", () => {
    expect(resolveReturnPath("https://drturn.example/wallet", HTTPS_APP)).toEqual({ ok: true, value: "/wallet" });
    expect(resolveReturnPath("http://drturn.example/wallet", HTTPS_APP).ok).toBe(false);
    expect(resolveReturnPath("https:drturn.example", HTTPS_APP).ok).toBe(false);
    expect(resolveReturnPath("//drturn.example.evil/wallet", HTTPS_APP).ok).toBe(false);
  });

  it("never answers a path a browser would read as another host", () => {
    const tricky = ["/\t/a", "/\\a", "/.//a", "/%2e/%2fa", "/%2e%2e//a", "/doctors/..//a", "/./\\a"];
    for (const next of tricky) {
      const result = resolveReturnPath(next, APP_URL);
      if (result.ok) {
        expect(new URL(result.value, APP_URL).origin).toBe(new URL(APP_URL).origin);
        expect(result.value).not.toMatch(/^\/[\\/]/);
      }
    }
  });
});

describe("RETURN_PAGES", () => {
  /** Every page route under app/, as the URL pattern the browser sees (route groups dropped). */
  function appPages(dir: string, prefix: string[] = []): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name === "page.tsx") found.push(`/${prefix.join("/")}`);
      if (entry.isDirectory() && !entry.name.startsWith("_")) {
        const group = /^\(.*\)$/.test(entry.name);
        found.push(...appPages(path.join(dir, entry.name), group ? prefix : [...prefix, entry.name]));
      }
    }
    return found;
  }

  it("is every page of the app except sign-in, the developer pages and the gateway sandbox", () => {
    const pages = appPages(path.resolve(import.meta.dirname, "../../app"))
      .filter((page) => page !== "/login" && !page.startsWith("/dev/") && !page.startsWith("/sandbox/"))
      .sort();
    expect([...RETURN_PAGES].sort()).toEqual(pages);
  });
});
