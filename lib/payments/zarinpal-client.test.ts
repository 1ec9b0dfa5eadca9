import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  docsErrorList,
  docsFixture,
  docsFixtureNames,
  refusal,
  startScriptedGateway,
  type ScriptedAnswer,
  type ScriptedGateway,
} from "@/testing/scripted-gateway";
import { zarinpalClient } from "./zarinpal-client";

/** The real client against every response body ZarinPal's v4 documentation prints (testing/zarinpal-docs,
 * each with its source page), and against the ways a real gateway answers that the tables do not mention. */
let gateway: ScriptedGateway;
beforeAll(async () => {
  gateway = await startScriptedGateway();
});
afterAll(() => gateway.close());

const TIMEOUT_MS = 1_000;
let client: ReturnType<typeof zarinpalClient>;
beforeEach(() => {
  client = zarinpalClient({
    name: "zarinpal",
    apiBase: gateway.apiBase,
    merchantId: "1344b5d4-0048-11e8-94db-005056a205be",
    timeoutMs: TIMEOUT_MS,
  });
});

const fromDocs = (name: string): ScriptedAnswer => {
  const fixture = docsFixture(name);
  return { status: fixture.httpStatus, json: fixture.body };
};
const AUTHORITY = "A0000000000000000000000000000wwOGYpd";

describe("the bodies printed in ZarinPal's v4 documentation", () => {
  it("every fixture names the documentation page it was copied from", () => {
    for (const name of docsFixtureNames()) {
      const fixture = JSON.parse(JSON.stringify(name === "error-list" ? docsErrorList() : docsFixture(name))) as { source: string };
      expect(fixture.source, name).toMatch(/^https:\/\/(www\.|next\.)?zarinpal\.com\//);
    }
    expect(docsFixtureNames().sort()).toEqual(
      ["error-list", "error-validation", "inquiry", "request", "reverse", "unVerified", "verify-100", "verify-101"].sort(),
    );
  });

  it("request.json: the authority", async () => {
    gateway.answer("request", fromDocs("request"));
    const result = await client.request({ amountRial: 10_000, description: "x", callbackUrl: "https://example.com/cb" });
    expect(result).toEqual({ ok: true, value: { authority: AUTHORITY, paymentUrl: `${gateway.apiBase}/pg/StartPay/${AUTHORITY}` } });
  });

  it("verify.json 100 and 101: verified, with the ref_id and the card", async () => {
    gateway.answer("verify", fromDocs("verify-100"));
    expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 })).toEqual({
      ok: true,
      value: { code: 100, refId: "201", cardPan: "502229******5995" },
    });
    gateway.answer("verify", fromDocs("verify-101"));
    expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 })).toMatchObject({
      ok: true,
      value: { code: 101, refId: "201" },
    });
  });

  it("inquiry.json: the payment's state", async () => {
    gateway.answer("inquiry", fromDocs("inquiry"));
    expect(await client.inquiry({ authority: AUTHORITY })).toEqual({ ok: true, value: { state: "VERIFIED" } });
  });

  it('unVerified.json: code "100" as a string and no errors key at all, exactly as printed', async () => {
    gateway.answer("unVerified", fromDocs("unVerified"));
    expect(await client.unverified()).toEqual({
      ok: true,
      value: {
        authorities: [
          { authority: "A00000000000000000000000000207288780", amountRial: 50500 },
          { authority: "A00000000000000000000000000207296503", amountRial: 50500 },
          { authority: "A00000000000000000000000000206873220", amountRial: 11100 },
        ],
      },
    });
  });

  it("reverse.json: reversed", async () => {
    gateway.answer("reverse", fromDocs("reverse"));
    expect(await client.reverse({ authority: AUTHORITY })).toEqual({ ok: true, value: null });
  });

  it("the validation error (data: [], errors with validations): rejected -9", async () => {
    gateway.answer("request", fromDocs("error-validation"));
    expect(await client.request({ amountRial: 10, description: "x", callbackUrl: "https://example.com/cb" })).toMatchObject({
      ok: false,
      error: { code: "rejected", gatewayCode: -9, message: "The input params invalid, validation error." },
    });
  });

  it("every code of the error list reads as that code, whichever call answers it", async () => {
    for (const { code, message } of docsErrorList().codes.filter((c) => c.code < 0)) {
      gateway.answer("verify", refusal(code, message));
      gateway.answer("inquiry", refusal(code, message));
      expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 }), `verify ${code}`).toMatchObject({
        ok: false,
        error: { code: "rejected", gatewayCode: code, message },
      });
      expect(await client.inquiry({ authority: AUTHORITY }), `inquiry ${code}`).toMatchObject({
        ok: false,
        error: { code: "rejected", gatewayCode: code },
      });
    }
  });
});

describe("tolerant of the ways ZarinPal writes the same answer", () => {
  const verified = (code: unknown) => ({ code, message: "Verified", card_pan: "502229******5995", ref_id: 201 });

  it.each([
    ["code as a number, errors []", { data: verified(100), errors: [] }, 100],
    ["code as a numeric string", { data: verified("100"), errors: [] }, 100],
    ["101 as a string", { data: verified("101"), errors: [] }, 101],
    ["errors as {}", { data: verified(100), errors: {} }, 100],
    ["errors absent", { data: verified(100) }, 100],
    ["errors null", { data: verified(100), errors: null }, 100],
  ])("verify with %s", async (_name, body, code) => {
    gateway.answer("verify", { status: 200, json: body });
    expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 })).toMatchObject({ ok: true, value: { code, refId: "201" } });
  });

  it.each([
    [
      "a numeric-string code in errors",
      { data: [], errors: { code: "-51", message: "Session is not valid, session is not active paid try." } },
      -51,
    ],
    ["data as {} with the error", { data: {}, errors: { code: -54, message: "Invalid authority." } }, -54],
    ["a refusal written into data", { data: { code: -51, message: "not paid" }, errors: [] }, -51],
  ])("a refusal with %s is read as its code", async (_name, body, code) => {
    gateway.answer("verify", { status: 422, json: body });
    expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 })).toMatchObject({
      ok: false,
      error: { code: "rejected", gatewayCode: code },
    });
  });

  it.each<[string, ScriptedAnswer, string]>([
    ["an HTML 502 from a proxy", { status: 502, text: "<html><body>Bad Gateway</body></html>" }, "server"],
    ["HTML with HTTP 200", { status: 200, text: "<html>maintenance</html>" }, "malformed"],
    ["a body cut short", { status: 200, text: '{"data":{"code":100,', contentType: "application/json" }, "malformed"],
    ["a 500 without a code", { status: 500, json: { data: [], errors: [] } }, "server"],
    ["data [] and no code anywhere", { status: 200, json: { data: [], errors: [] } }, "malformed"],
    ["a code that is not a number", { status: 200, json: { data: { code: "OK", ref_id: 1 }, errors: [] } }, "malformed"],
    ["a JSON array", { status: 200, json: [1, 2, 3] }, "malformed"],
  ])("%s is unavailable (%s), never a refusal", async (_name, answer, reason) => {
    gateway.answer("verify", answer);
    expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 })).toMatchObject({
      ok: false,
      error: { code: "unavailable", reason },
    });
  });

  it("no answer within the time-out is unavailable (timeout)", async () => {
    gateway.answer("verify", { hang: true });
    expect(await client.verify({ authority: AUTHORITY, amountRial: 10_000 })).toMatchObject({
      ok: false,
      error: { code: "unavailable", reason: "timeout" },
    });
  });

  it("unVerified with an empty list as {} or []", async () => {
    gateway.answer("unVerified", { status: 200, json: { data: { code: 100, message: "Success", authorities: [] }, errors: [] } });
    expect(await client.unverified()).toEqual({ ok: true, value: { authorities: [] } });
    gateway.answer("unVerified", { status: 200, json: { data: { code: "100", message: "Success", authorities: {} } } });
    expect(await client.unverified()).toEqual({ ok: true, value: { authorities: [] } });
  });
});
