import { cookies } from "next/headers";
import { z } from "zod";
import { config } from "@/lib/config";
import { intentCookieName } from "@/lib/intent/intent";
import { appPaymentEngine } from "@/lib/checkout/app-engine";
import { handleGatewayReturn } from "@/lib/payments/payment-engine";
import { withRequestLog } from "@/lib/auth/request-log";
import { log } from "@/lib/shared/log";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { messages } from "@/lib/i18n/messages";
import { unavailablePage } from "@/lib/ops/unavailable-page";

export const dynamic = "force-dynamic";

const query = z.object({
  Authority: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9]+$/),
  Status: z.string().max(8).optional(),
});

/** The gateway's return (public contract): GET ?Authority=…&Status=OK|NOK. Anything but OK counts as not
 * paid; OK is never trusted, it only makes us verify with the gateway. */
export async function GET(request: Request) {
  return withRequestLog({ route: "payments.callback" }, () => settleReturn(request));
}

async function settleReturn(request: Request) {
  const appUrl = config().appUrl;
  const url = new URL(request.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return redirectTo(`${appUrl}/pay/not-found`);
  let result: Awaited<ReturnType<typeof handleGatewayReturn>>;
  try {
    result = await handleGatewayReturn(appPaymentEngine(), {
      authority: parsed.data.Authority,
      status: parsed.data.Status === "OK" ? "OK" : "NOK",
    });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // Whatever committed stays; the rest is settled by the reconcile job, or by this same address again.
    log.warn(`[payments] callback: database unreachable (${String((error as Error).cause ?? error)})`, {
      step: "return",
      authority: parsed.data.Authority,
    });
    return unavailablePage({ message: messages.payment.callbackUnavailable, retryUrl: `${url.pathname}${url.search}` });
  }
  if (!result.ok) {
    log.warn("[payments] callback for an unknown authority", { step: "return", authority: parsed.data.Authority });
    return redirectTo(`${appUrl}/pay/not-found`);
  }
  if (result.value.status === "paid") (await cookies()).delete(intentCookieName(result.value.intentId));
  return redirectTo(`${appUrl}/pay/result/${result.value.attemptId}`);
}

function redirectTo(location: string) {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
