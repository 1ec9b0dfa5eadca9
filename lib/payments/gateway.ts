import type { Result } from "@/lib/shared/result";

/** The port every payment gateway implements. Amounts are integer Rial. */
export type GatewayError =
  /** The gateway answered with one of its own (negative) codes. */
  | { code: "rejected"; gatewayCode: number; message: string }
  /** No usable answer: timeout, network failure, a server error without a gateway code, or a body that is not
   * the gateway's JSON (an HTML error page, a proxy's answer). */
  | { code: "unavailable"; reason: "timeout" | "network" | "server" | "malformed"; message: string };

export type GatewayPaymentState = "IN_BANK" | "PAID" | "VERIFIED" | "FAILED" | "REVERSED";

export interface PaymentGateway {
  readonly name: "sandbox" | "zarinpal";
  request(input: {
    amountRial: number;
    description: string;
    callbackUrl: string;
    mobile?: string;
  }): Promise<Result<{ authority: string; paymentUrl: string }, GatewayError>>;
  /** 100 the first time a paid authority is verified, 101 on every later call. */
  verify(input: {
    authority: string;
    amountRial: number;
  }): Promise<Result<{ code: 100 | 101; refId: string; cardPan: string | null }, GatewayError>>;
  inquiry(input: { authority: string }): Promise<Result<{ state: GatewayPaymentState }, GatewayError>>;
  /** Paid but never verified: what the reconcile job must settle. */
  unverified(): Promise<Result<{ authorities: { authority: string; amountRial: number }[] }, GatewayError>>;
  reverse(input: { authority: string }): Promise<Result<null, GatewayError>>;
}

/** ZarinPal reverses a payment (back to the payer's card, no fee) only within this long of it being paid.
 * The app offers it only while its own record of the payment — the attempt, created before the payer paid,
 * so never later than the gateway's clock — is younger than this. */
export const GATEWAY_REVERSE_WINDOW_MS = 30 * 60_000;
