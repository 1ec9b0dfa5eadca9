import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { clientAddress, normalizeAddress } from "./client-address";
import { appendPeerAddressToEveryRequest } from "./peer-address";

describe("clientAddress", () => {
  it.each([
    // [X-Forwarded-For as the app receives it (peer appended last), trusted hops, expected]
    ["127.0.0.1", 0, "127.0.0.1"],
    ["203.0.113.9, 127.0.0.1", 0, "127.0.0.1"],
    ["1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.7", 0, "198.51.100.7"],
    ["203.0.113.9, 10.0.0.2", 1, "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9, 10.0.0.2", 1, "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9, 10.0.0.3, 10.0.0.2", 2, "203.0.113.9"],
    ["10.0.0.2", 1, "10.0.0.2"],
    ["::ffff:127.0.0.1", 0, "127.0.0.1"],
    ["2001:DB8::1, ::1", 1, "2001:db8::1"],
    ["203.0.113.9:51234, 10.0.0.2", 1, "203.0.113.9"],
    ["[2001:db8::1]:443, 10.0.0.2", 1, "2001:db8::1"],
    ["not-an-address, 10.0.0.2", 1, "unknown"],
    ["", 0, "unknown"],
  ] as const)("%s with %d trusted hops → %s", (forwardedFor, hops, expected) => {
    expect(clientAddress(forwardedFor, hops)).toBe(expected);
  });

  it("is the same whatever the client writes to the left of what our proxies appended", () => {
    const spoofs = ["", "1.2.3.4", "1.2.3.4, 5.6.7.8", "x".repeat(2000), "127.0.0.1, ::1"];
    expect(new Set(spoofs.map((s) => clientAddress(`${s}, 198.51.100.7`, 0)))).toEqual(new Set(["198.51.100.7"]));
    expect(new Set(spoofs.map((s) => clientAddress(`${s}, 198.51.100.7, 10.0.0.2`, 1)))).toEqual(new Set(["198.51.100.7"]));
  });

  it("keeps junk from becoming an address of its own", () => {
    expect(normalizeAddress("evil")).toBeNull();
    expect(normalizeAddress("1.2.3.4.5")).toBeNull();
    expect(normalizeAddress("1.2.3.4")).toBe("1.2.3.4");
  });
});

describe("appendPeerAddressToEveryRequest", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    appendPeerAddressToEveryRequest();
    appendPeerAddressToEveryRequest(); // twice is harmless
    // Created the way Next creates its server: a plain http.createServer with a request listener.
    server = http.createServer((request, response) => {
      response.end(String(request.headers["x-forwarded-for"] ?? ""));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const forwardedFor = async (headers: Record<string, string> = {}) => (await fetch(url, { headers })).text();

  it("appends the socket address, so a client's own X-Forwarded-For cannot choose the address counted", async () => {
    expect(await forwardedFor()).toBe("127.0.0.1");
    const spoofed = await forwardedFor({ "x-forwarded-for": "203.0.113.9" });
    expect(spoofed).toBe("203.0.113.9, 127.0.0.1");
    expect(clientAddress(spoofed, 0)).toBe("127.0.0.1");
  });

  it("lets one trusted proxy's entry through, and nothing to the left of it", async () => {
    // As if an nginx on 127.0.0.1 had appended the client 198.51.100.7 to what the client sent.
    const viaProxy = await forwardedFor({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientAddress(viaProxy, 1)).toBe("198.51.100.7");
  });
});

describe("TRUSTED_PROXY_HOPS and SMS_HOURLY_BUDGET", () => {
  it("default to a bare `next start` and a bounded budget", () => {
    const cfg = parseConfig({});
    expect(cfg.trustedProxyHops).toBe(0);
    expect(cfg.smsHourlyBudget).toBe(500);
    expect(parseConfig({ TRUSTED_PROXY_HOPS: "1", SMS_HOURLY_BUDGET: "40" })).toMatchObject({ trustedProxyHops: 1, smsHourlyBudget: 40 });
  });

  it.each([
    ["TRUSTED_PROXY_HOPS", "-1"],
    ["TRUSTED_PROXY_HOPS", "one"],
    ["SMS_HOURLY_BUDGET", "0"],
    ["SMS_HOURLY_BUDGET", "1.5"],
  ])("stops the server on %s=%s, naming it", (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(name);
  });
});
