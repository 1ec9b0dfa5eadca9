import { z } from "zod";
import { err, ok, type Result } from "@/lib/shared/result";
import type { GatewayError, GatewayPaymentState, PaymentGateway } from "./gateway";

/** ZarinPal v4 over fetch: POST {apiBase}/pg/v4/payment/{action}.json, browser to {apiBase}/pg/StartPay/{authority}.
 * Every answer, whatever its HTTP status, is read as `{ data, errors }`; a gateway code in `errors` is a
 * rejection, anything unreadable is "unavailable" (the caller must not conclude the payment failed).
 *
 * Read the way ZarinPal writes, not the way its tables say: its own published samples send `code` as a
 * number or a numeric string ("100" in unVerified), leave `errors` out or send it as `[]` or `{}`, and
 * send `data` as `[]` when there is none. */
export type ZarinpalOptions = {
  name: "sandbox" | "zarinpal";
  apiBase: string;
  merchantId: string;
  timeoutMs: number;
};

/** 100, "100" and " 100 " are all 100; anything that is not a whole number is not a code. */
const code = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const amount = z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)]);

/** `errors` carries a code only when something went wrong; `[]`, `{}` or no `errors` at all mean nothing did. */
const errorsField = z
  .union([z.array(z.unknown()), z.object({ code: code.optional(), message: z.unknown().optional() }).loose(), z.null()])
  .optional();
const envelope = z.object({ data: z.unknown().optional(), errors: errorsField }).loose();

const requestData = z.object({ code, authority: z.string().min(1) }).loose();
const verifyData = z.object({ code, ref_id: z.union([z.number(), z.string().min(1)]), card_pan: z.string().nullish() }).loose();
const inquiryData = z.object({ code, status: z.enum(["IN_BANK", "PAID", "VERIFIED", "FAILED", "REVERSED"]) }).loose();
const unverifiedData = z
  .object({
    code,
    authorities: z.union([
      z.array(z.object({ authority: z.string().min(1), amount }).loose()),
      z
        .object({})
        .strict()
        .transform(() => []),
    ]),
  })
  .loose();
const codeOnly = z.object({ code }).loose();

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
    return readAnswer(response);
  }

  function read<T extends { code: number }>(result: CallResult, schema: z.ZodType<T>, accept: number[]): Result<T, GatewayError> {
    if (!result.ok) return result;
    const parsed = schema.safeParse(result.value);
    if (!parsed.success) {
      // A refusal written into `data` instead of `errors` is still a refusal.
      const refused = codeOnly.safeParse(result.value);
      if (refused.success && !accept.includes(refused.data.code)) {
        return err({ code: "rejected", gatewayCode: refused.data.code, message: `code ${refused.data.code}` });
      }
      return err({ code: "unavailable", reason: "malformed", message: "unexpected data shape" });
    }
    if (!accept.includes(parsed.data.code))
      return err({ code: "rejected", gatewayCode: parsed.data.code, message: `code ${parsed.data.code}` });
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
      const result = read(await call("verify", { authority: input.authority, amount: input.amountRial }), verifyData, [100, 101]);
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

/** One HTTP answer of the gateway as data or an error. Exported for the fixture tests, which feed it the
 * bodies printed in ZarinPal's documentation. */
export async function readAnswer(response: Response): Promise<CallResult> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    return err({
      code: "unavailable",
      reason: response.ok ? "malformed" : "server",
      message: `HTTP ${response.status} without a JSON body`,
    });
  }
  const parsed = envelope.safeParse(payload);
  if (!parsed.success) {
    return err({
      code: "unavailable",
      reason: response.ok ? "malformed" : "server",
      message: `HTTP ${response.status} with an unexpected body`,
    });
  }
  const { data, errors } = parsed.data;
  if (errors && !Array.isArray(errors) && errors.code !== undefined) {
    return err({ code: "rejected", gatewayCode: errors.code, message: typeof errors.message === "string" ? errors.message : "" });
  }
  if (!response.ok) {
    // A refusal written into `data` instead of `errors` is still a refusal.
    const refused = codeOnly.safeParse(data);
    if (refused.success && refused.data.code < 0)
      return err({ code: "rejected", gatewayCode: refused.data.code, message: `code ${refused.data.code}` });
    return err({ code: "unavailable", reason: "server", message: `HTTP ${response.status}` });
  }
  return ok(Array.isArray(data) ? {} : (data ?? {}));
}
