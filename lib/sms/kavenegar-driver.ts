import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";
import { SmsDeliveryError, type SmsDriver } from "./sms-driver";

type KavenegarOptions = { apiBase: string; apiKey: string; sender?: string; timeoutMs?: number };

/** Kavenegar's REST API: POST {base}/v1/{key}/sms/send.json with form fields; the body's
 * `return.status` is 200 on success. Every message is also kept in sms_outbox with its outcome. */
export function kavenegarDriver(db: Db, options: KavenegarOptions): SmsDriver {
  return {
    name: "kavenegar",
    async send(phone, body) {
      const form = new URLSearchParams({ receptor: phone, message: body });
      if (options.sender) form.set("sender", options.sender);
      const url = `${options.apiBase}/v1/${encodeURIComponent(options.apiKey)}/sms/send.json`;
      let failure: string | undefined;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        const payload = (await response.json().catch(() => null)) as { return?: { status?: number; message?: string } } | null;
        if (payload?.return?.status !== 200) {
          failure = `kavenegar status ${payload?.return?.status ?? response.status}: ${payload?.return?.message ?? "no body"}`;
        }
      } catch (error) {
        failure = `kavenegar unreachable: ${(error as Error).message}`;
      }
      await db.insert(smsOutbox).values({
        phone,
        body,
        driver: "kavenegar",
        status: failure ? "failed" : "sent",
        error: failure,
      });
      if (failure) throw new SmsDeliveryError(failure);
    },
  };
}
