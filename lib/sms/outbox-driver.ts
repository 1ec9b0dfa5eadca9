import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";
import type { SmsDriver } from "./sms-driver";

/** Development and test delivery: the message is only stored, and /dev/sms shows it. */
export function outboxDriver(db: Db): SmsDriver {
  return {
    name: "outbox",
    async send(phone, body) {
      await db.insert(smsOutbox).values({ phone, body, driver: "outbox", status: "sent" });
    },
  };
}
