export interface SmsDriver {
  readonly name: "outbox" | "kavenegar";
  send(phone: string, body: string): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
}
