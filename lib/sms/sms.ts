import "server-only";
import type { Db } from "@/db/client";
import { config } from "@/lib/config";
import { kavenegarDriver } from "./kavenegar-driver";
import { outboxDriver } from "./outbox-driver";
import type { SmsDriver } from "./sms-driver";

export function smsDriver(db: Db): SmsDriver {
  const { sms } = config();
  if (sms.driver === "kavenegar") {
    return kavenegarDriver(db, {
      apiBase: sms.kavenegarApiBase,
      apiKey: sms.kavenegarApiKey!,
      sender: sms.kavenegarSender,
      otpTemplate: sms.kavenegarOtpTemplate,
    });
  }
  return outboxDriver(db);
}
