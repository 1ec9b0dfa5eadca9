import { z } from "zod";
import { err, ok, type Result } from "@/lib/shared/result";
import type { GatewayError, GatewayPaymentState, PaymentGateway } from "./gateway";

/** ZarinPal v4 over fetch: POST {apiBase}/pg/v4/payment/{action}.json, browser to {apiBase}/pg/StartPay/{authority}.
 * Every answer, whatever its HTTP status, is read as `{ data, errors }`; a gateway code in `errors` is a
 * rejection, anything unreadable is "unavailable" (the caller must not conclude the payment failed). */
export type ZarinpalOptions = {
  name: "sandbox" | "zarinpal";
  apiBase: string;
  merchantId: string;
  timeoutMs: number;
};

const envelope = z.object({
  data: z.unknown(),
  errors: z.union([z.array(z.unknown()), z.object({ code: z.number(), message: z.string().optional() }).loose()]),
});

const requestData = z.object({ code: z.number(), authority: z.string() });
const verifyData = z.object({ code: z.number(), ref_id: z.union([z.number(), z.string()]), card_pan: z.string().nullish() });
const inquiryData = z.object({ code: z.number(), status: z.enum(["IN_BANK", "PAID", "VERIFIED", "FAILED", "REVERSED"]) });
const unverifiedData = z.object({
  code: z.number(),
  authorities: z.array(z.object({ authority: z.string(), amount: z.number() })),
});
const codeOnly = z.object({ code: z.number() });

type CallResult = Result<unknown, GatewayError>;

export function zarinpalClient(options: ZarinpalOptions): PaymentGateway {
  async function call(action: string, body: Record<string, unknown>): Promise<CallResult> {
    let response: Response;
    try {
      response = await fetch(`${options.apiBase}/pg/v4/payment/${action}.json`, {
        method: "POST",
        // Answers are a few hundred bytes: compressing them would cost a zlib stream on each side per call.
        headers: { "content-type": "application/json", accept: "application/json", "accept-encoding": "identity" },
        body: JSON.stringify({ merchant_id: options.merchantId, ...body }),
        signal: AbortSignal.timeout(options.timeoutMs),
        cache: "no-store",
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      return err({ code: "unavailable", reason: timedOut ? "timeout" : "network", message: String(error) });
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      return err({ code: "unavailable", reason: "server", message: `HTTP ${response.status} without a JSON body` });
    }
    const parsed = envelope.safeParse(payload);
    if (!parsed.success) {
      return err({ code: "unavailable", reason: "server", message: `HTTP ${response.status} with an unexpected body` });
    }
    const { data, errors } = parsed.data;
    if (!Array.isArray(errors)) {
      return err({ code: "rejected", gatewayCode: errors.code, message: errors.message ?? "" });
    }
    if (!response.ok) return err({ code: "unavailable", reason: "server", message: `HTTP ${response.status}` });
    return ok(data);
  }

  function read<T>(result: CallResult, schema: z.ZodType<T>, accept: number[]): Result<T, GatewayError> {
    if (!result.ok) return result;
    const parsed = schema.safeParse(result.value);
    if (!parsed.success) return err({ code: "unavailable", reason: "server", message: "unexpected data shape" });
    const code = (parsed.data as { code: number }).code;
    if (!accept.includes(code)) return err({ code: "rejected", gatewayCode: code, message: `code ${code}` });
    return ok(parsed.data);
  }

  return {
    name: options.name,
    async request(input) {
      const result = read(
        await call("request", {
          amount: input.amountRial,
          currency: "IRR",
          description: input.description,
          callback_url: input.callbackUrl,
          metadata: input.mobile ? { mobile: input.mobile } : {},
        }),
        requestData,
        [100],
      );
      if (!result.ok) return result;
      const authority = result.value.authority;
      return ok({ authority, paymentUrl: `${options.apiBase}/pg/StartPay/${encodeURIComponent(authority)}` });
    },
    async verify(input) {
      const result = read(
        await call("verify", { authority: input.authority, amount: input.amountRial }),
        verifyData,
        [100, 101],
      );
      if (!result.ok) return result;
      return ok({ code: result.value.code as 100 | 101, refId: String(result.value.ref_id), cardPan: result.value.card_pan ?? null });
    },
    async inquiry(input) {
      const result = read(await call("inquiry", { authority: input.authority }), inquiryData, [100]);
      return result.ok ? ok({ state: result.value.status as GatewayPaymentState }) : result;
    },
    async unverified() {
      const result = read(await call("unVerified", {}), unverifiedData, [100]);
      if (!result.ok) return result;
      return ok({ authorities: result.value.authorities.map((a) => ({ authority: a.authority, amountRial: a.amount })) });
    },
    async reverse(input) {
      const result = read(await call("reverse", { authority: input.authority }), codeOnly, [100]);
      return result.ok ? ok(null) : result;
    },
  };
}
