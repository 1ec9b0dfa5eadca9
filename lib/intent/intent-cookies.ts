import "server-only";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { intentCookieName, sealIntent, unsealIntent, type Intent, type IntentSealOptions } from "./intent";

function sealOptions(): IntentSealOptions {
  const cfg = config();
  return { passwords: cfg.sessionPasswords, ttlSeconds: cfg.payment.intentTtlMinutes * 60 };
}

/** Stores the intent in its own cookie, so two tabs buying two things never overwrite each other.
 * Returns the cookie's size in bytes, which the monitoring page tracks. */
export async function storeIntent(intent: Intent): Promise<number> {
  const options = sealOptions();
  const seal = await sealIntent(intent, options);
  (await cookies()).set(intentCookieName(intent.id), seal, {
    httpOnly: true,
    sameSite: "lax",
    secure: config().production,
    path: "/",
    maxAge: options.ttlSeconds,
  });
  return intentCookieName(intent.id).length + seal.length;
}

export async function loadIntent(intentId: string, userId: string): Promise<Intent | null> {
  const seal = (await cookies()).get(intentCookieName(intentId))?.value;
  return unsealIntent(seal, { intentId, userId }, sealOptions());
}

export async function forgetIntent(intentId: string): Promise<void> {
  (await cookies()).delete(intentCookieName(intentId));
}
