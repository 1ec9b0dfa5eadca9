import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sandboxPayments } from "@/db/schema";
import { formatToman } from "@/lib/i18n/format";
import { submitAtSandbox, TEST_MERCHANT_ID } from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { REVERSE_WINDOW_MS } from "./sandbox-gateway";

/** The sandbox answers like ZarinPal v4 does, to the letter: other tests trust it to stand for the real gateway. */
const { db, apiBase } = setupPaymentWorld();

const OTHER_MERCHANT = "11111111-2222-3333-4444-555555555555";

async function api(action: string, body: Record<string, unknown>) {
  const response = await fetch(`${apiBase()}/pg/v4/payment/${action}.json`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ merchant_id: TEST_MERCHANT_ID, ...body }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data: Record<string, unknown>; errors: Record<string, unknown> | unknown[] },
  };
}

async function requested(extra: Record<string, unknown> = {}) {
  const answer = await api("request", { amount: 20_000, description: "نوبت آزمایشی", callback_url: "http://127.0.0.1:9/cb", ...extra });
  expect(answer.body.data.code).toBe(100);
  return answer.body.data.authority as string;
}

async function paid(extra: Record<string, unknown> = {}) {
  const authority = await requested(extra);
  await (await submitAtSandbox(apiBase(), authority, "paid")).arrayBuffer();
  return authority;
}

const errorCode = (answer: Awaited<ReturnType<typeof api>>) => (answer.body.errors as { code?: number }).code;

describe("the sandbox answers like ZarinPal", () => {
  it("another merchant's authority: -53 on verify, inquiry and reverse", async () => {
    const authority = await paid();
    for (const action of ["verify", "inquiry", "reverse"]) {
      const answer = await api(action, { merchant_id: OTHER_MERCHANT, authority, amount: 20_000 });
      expect(errorCode(answer), action).toBe(-53);
      expect(answer.body.data).toEqual([]);
    }
    // And nothing happened to it: its own merchant still verifies it first.
    expect((await api("verify", { authority, amount: 20_000 })).body.data.code).toBe(100);
  });

  it('verify answers "Verified" with a 64-hex SHA-256 card_hash, 100 then 101', async () => {
    const authority = await paid();
    const first = await api("verify", { authority, amount: 20_000 });
    expect(first.body.data).toMatchObject({ code: 100, message: "Verified", card_pan: "502229******5995" });
    expect(first.body.data.card_hash).toMatch(/^[0-9A-F]{64}$/);
    expect((await api("verify", { authority, amount: 20_000 })).body.data).toMatchObject({
      code: 101,
      message: "Verified",
      card_hash: first.body.data.card_hash,
    });
  });

  it('reverse: "Reversed" in success state, -61 when not paid or already reversed, -63 after 30 minutes', async () => {
    const unpaid = await requested();
    expect(errorCode(await api("reverse", { authority: unpaid }))).toBe(-61);

    const authority = await paid();
    await api("verify", { authority, amount: 20_000 });
    const reversed = await api("reverse", { authority });
    expect(reversed).toEqual({ status: 200, body: { data: { code: 100, message: "Reversed" }, errors: [] } });
    expect(errorCode(await api("reverse", { authority }))).toBe(-61);

    const late = await paid();
    await db()
      .update(sandboxPayments)
      .set({ paidAt: new Date(Date.now() - REVERSE_WINDOW_MS - 60_000) })
      .where(eq(sandboxPayments.authority, late));
    expect(errorCode(await api("reverse", { authority: late }))).toBe(-63);
  });

  it("unVerified: dates as YYYY-MM-DD HH:mm:ss (Tehran), at most the latest 100", async () => {
    const first = await paid();
    const rows = Array.from({ length: 105 }, (_, i) => ({
      authority: `S${String(i).padStart(35, "0")}`,
      merchantId: TEST_MERCHANT_ID,
      amount: 20_000,
      currency: "IRR",
      description: "x",
      callbackUrl: "http://127.0.0.1:9/cb",
      status: "paid" as const,
      refId: 1_000 + i,
      paidAt: new Date(Date.UTC(2024, 0, 1, 14, 3, 25) - i * 60_000),
    }));
    await db().insert(sandboxPayments).values(rows);
    const answer = await api("unVerified", {});
    const authorities = answer.body.data.authorities as { authority: string; date: string }[];
    expect(authorities).toHaveLength(100);
    expect(authorities[0]!.authority).toBe(first); // the latest first
    for (const a of authorities) expect(a.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // 14:03:25 UTC is 17:33:25 in Tehran (UTC+03:30).
    expect(authorities.find((a) => a.authority === rows[0]!.authority)?.date).toBe("2024-01-01 17:33:25");
  });

  it("request: a numeric-string amount as the docs' cURL sample sends; a description over 500 characters is -9", async () => {
    const authority = await requested({ amount: "1100" });
    expect((await db().select().from(sandboxPayments).where(eq(sandboxPayments.authority, authority)))[0]!.amount).toBe(1100);
    const long = await api("request", { amount: 20_000, description: "ا".repeat(501), callback_url: "http://127.0.0.1:9/cb" });
    expect(long.status).toBe(422);
    expect(long.body.errors).toMatchObject({ code: -9 });
    expect(await api("request", { amount: 20_000, description: "ا".repeat(500), callback_url: "http://127.0.0.1:9/cb" })).toMatchObject({
      body: { data: { code: 100 } },
    });
  });

  it("currency IRT is shown in Toman on the StartPay page, IRR divided by ten", async () => {
    const toman = await requested({ amount: 25_000, currency: "IRT" });
    expect(await (await fetch(`${apiBase()}/pg/StartPay/${toman}`)).text()).toContain(formatToman(250_000));
    const rial = await requested({ amount: 25_000, currency: "IRR" });
    expect(await (await fetch(`${apiBase()}/pg/StartPay/${rial}`)).text()).toContain(formatToman(25_000));
  });

  it("StartPay/{authority}/ZarinGate is served like StartPay/{authority}, paying included", async () => {
    const authority = await requested();
    const page = await fetch(`${apiBase()}/pg/StartPay/${authority}/ZarinGate`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="result" value="paid"');
    const paidThere = await fetch(`${apiBase()}/pg/StartPay/${authority}/ZarinGate`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "result=paid",
      redirect: "manual",
    });
    expect(paidThere.status).toBe(303);
    expect(paidThere.headers.get("location")).toContain("Status=OK");
    expect((await fetch(`${apiBase()}/pg/StartPay/${authority}/Other`)).status).toBe(404);
  });
});
