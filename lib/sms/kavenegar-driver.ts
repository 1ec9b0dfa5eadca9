import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";
import { SmsDeliveryError, type SmsDriver, type Transmitted } from "./sms-driver";

/** What sms_outbox shows in place of a sign-in code sent through Kavenegar. */
export const REDACTED_CODE = "••••••";

type KavenegarOptions = { apiBase: string; apiKey: string; sender?: string; otpTemplate?: string; timeoutMs?: number };

type Entry = { messageid?: number; status?: number };
type Reply = { return?: { status?: number; message?: string }; entries?: Entry[] | null };

/** Kavenegar's REST API: POST {base}/v1/{key}/{method}.json with form fields; the body's `return.status` is
 * 200 on success and `entries[0]` carries the messageid and delivery status. Sign-in codes go through
 * `verify/lookup.json` with the approved template (KAVENEGAR_OTP_TEMPLATE), sent over Kavenegar's service
 * lines; everything else through `sms/send.json`. Every message is also kept in sms_outbox with its outcome. */
export function kavenegarDriver(db: Db, options: KavenegarOptions): SmsDriver {
  async function call(method: string, fields: Record<string, string>): Promise<Transmitted> {
    const url = `${options.apiBase}/v1/${encodeURIComponent(options.apiKey)}/${method}.json`;
    let payload: Reply | null;
    let httpStatus: number;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      httpStatus = response.status;
      payload = (await response.json().catch(() => null)) as Reply | null;
    } catch (error) {
      throw new SmsDeliveryError(`kavenegar unreachable: ${(error as Error).message}`);
    }
    if (payload?.return?.status !== 200) {
      throw new SmsDeliveryError(`kavenegar status ${payload?.return?.status ?? httpStatus}: ${payload?.return?.message ?? "no body"}`);
    }
    const entry = payload.entries?.[0];
    return { providerMessageId: entry?.messageid != null ? String(entry.messageid) : null, providerStatus: entry?.status ?? null };
  }

  /** `body` is what sms_outbox keeps; `fields` is what Kavenegar gets. */
  async function sendRecorded(phone: string, body: string, method: string, fields: Record<string, string>): Promise<void> {
    let outcome: Transmitted | undefined;
    let failure: string | undefined;
    try {
      outcome = await call(method, fields);
    } catch (error) {
      failure = (error as Error).message;
    }
    await db.insert(smsOutbox).values({
      phone,
      body,
      driver: "kavenegar",
      status: failure ? "failed" : "sent",
      error: failure,
      providerMessageId: outcome?.providerMessageId,
      providerStatus: outcome?.providerStatus,
      sentAt: failure ? null : new Date(),
    });
    if (failure) throw new SmsDeliveryError(failure);
  }

  const plain = (phone: string, body: string) => {
    const fields: Record<string, string> = { receptor: phone, message: body };
    if (options.sender) fields.sender = options.sender;
    return fields;
  };

  return {
    name: "kavenegar",
    send: (phone, body) => sendRecorded(phone, body, "sms/send", plain(phone, body)),
    sendCode(phone, code) {
      // The outbox keeps the message without its code: otp_codes holds only a hash, and a readable code in
      // sms_outbox would let anyone who can read that table (a backup, a support query) sign in as the patient.
      const stored = messages.auth.otpSms(REDACTED_CODE);
      if (!options.otpTemplate) return sendRecorded(phone, stored, "sms/send", plain(phone, messages.auth.otpSms(code)));
      return sendRecorded(phone, stored, "verify/lookup", { receptor: phone, token: code, template: options.otpTemplate });
    },
    async transmit(message) {
      if (message.repeat) {
        // Handed over before a crash, maybe accepted: Kavenegar finds a message by our local id.
        const known = await call("sms/statuslocalmessageid", { localid: String(message.localId) }).catch(() => null);
        if (known?.providerMessageId) return known;
      }
      return call("sms/send", { ...plain(message.phone, message.body), localid: String(message.localId) });
    },
  };
}
