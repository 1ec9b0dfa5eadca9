import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";
import type { SmsDriver } from "./sms-driver";

/** Development and test delivery: the message is only stored, and /dev/sms shows it. */
export function outboxDriver(db: Db): SmsDriver {
  const send = async (phone: string, body: string) => {
    await db.insert(smsOutbox).values({ phone, body, driver: "outbox", status: "sent", sentAt: new Date() });
  };
  return {
    name: "outbox",
    send,
    sendCode: (phone, code) => send(phone, messages.auth.otpSms(code)),
    // The recorded row is the whole delivery.
    transmit: async () => ({ providerMessageId: null, providerStatus: null }),
  };
}
