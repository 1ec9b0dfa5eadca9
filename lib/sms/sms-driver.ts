/** What the provider said about one message: Kavenegar's messageid and status code (none for the outbox). */
export type Transmitted = { providerMessageId: string | null; providerStatus: number | null };

/** A message already recorded in sms_outbox, handed to the provider. `localId` is the row's number: after a
 * crash the same row is handed over again, and the provider is asked first whether it already has it. */
export type OutgoingMessage = { localId: number; phone: string; body: string; repeat: boolean };

export interface SmsDriver {
  readonly name: "outbox" | "kavenegar";
  /** A one-off message, recorded in sms_outbox with its outcome; throws SmsDeliveryError when not accepted. */
  send(phone: string, body: string): Promise<void>;
  /** A sign-in code: Kavenegar's verification template (verify/lookup.json) when one is configured. */
  sendCode(phone: string, code: string): Promise<void>;
  /** Delivers a recorded message (notifications); throws SmsDeliveryError when not accepted. */
  transmit(message: OutgoingMessage): Promise<Transmitted>;
}

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
}
