import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isUserFilePath, securityHeaders, USER_FILE_CSP } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));
const named = (headers: [string, string][]) => new Map(headers.map(([k, v]) => [k.toLowerCase(), v]));

describe("security headers", () => {
  const sandbox = { appUrl: "http://127.0.0.1:3000", gatewayUrl: "http://127.0.0.1:3000/sandbox", production: true };
  const live = { appUrl: "https://drturn.ir", gatewayUrl: "https://payment.zarinpal.com", production: true };

  it("let forms go to the app and to the gateway's origin only, and no site frame the app", () => {
    const csp = directives(contentSecurityPolicy(live));
    expect(csp.get("form-action")).toEqual(["'self'", "https://drturn.ir", "https://payment.zarinpal.com"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy(sandbox)).get("form-action")).toEqual(["'self'", "http://127.0.0.1:3000"]);
  });

  it("never allow eval in production, and no script from another origin", () => {
    expect(directives(contentSecurityPolicy(live)).get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives(contentSecurityPolicy({ ...live, production: false })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("send HSTS and upgrade requests only when APP_URL is https", () => {
    const https = named(securityHeaders(live));
    expect(https.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(https.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const http = named(securityHeaders(sandbox));
    expect(http.has("strict-transport-security")).toBe(false);
    expect(http.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("always send nosniff, a referrer policy, a permissions policy and a frame refusal", () => {
    for (const options of [live, sandbox]) {
      const headers = named(securityHeaders(options));
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(headers.get("permissions-policy")).toMatch(/camera=\(\)/);
      expect(headers.get("x-frame-options")).toBe("DENY");
    }
  });
});

describe("users' files", () => {
  it("get a sandboxed policy of their own; pages and other API routes do not", () => {
    expect(isUserFilePath("/api/chats/2b7c8a0e-0000-4000-8000-000000000000/files/9d1f0000-0000-4000-8000-000000000000")).toBe(true);
    for (const path of ["/api/chats/x/files", "/api/chats/x/messages", "/chats/x/files/y", "/api/health", "/"])
      expect(isUserFilePath(path)).toBe(false);
    expect(USER_FILE_CSP).toContain("sandbox");
    expect(USER_FILE_CSP).toContain("default-src 'none'");
  });
});
