import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";
import type { PaymentTarget } from "@/db/schema";

/** What the patient is about to buy, sealed (encrypted and signed) into a short-lived cookie of its own.
 * Nothing is written to the database for it until a payment attempt starts; a tampered, foreign or expired
 * seal reads as missing. */
export type Intent = {
  id: string;
  userId: string;
  target: PaymentTarget;
  amountRial: number;
  createdAt: number;
};

export const intentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/);
const reservationTarget = z.object({ kind: z.literal("reservation"), slotId: z.uuid(), familyMemberId: z.uuid().optional() });
const chatTarget = z.object({
  kind: z.literal("chat"),
  doctorId: z.uuid(),
  question: z.string().min(1).max(1000),
  familyMemberId: z.uuid().optional(),
});
const rescheduleTarget = z.object({ kind: z.literal("reschedule"), reservationId: z.uuid(), fromSlotId: z.uuid(), slotId: z.uuid() });
export const paymentTargetSchema: z.ZodType<PaymentTarget> = z.union([
  reservationTarget,
  chatTarget,
  rescheduleTarget,
  z.object({
    kind: z.literal("topup"),
    amountRial: z.number().int().positive(),
    resume: z.union([reservationTarget, chatTarget, rescheduleTarget]).optional(),
    resumeIntentId: intentIdSchema.optional(),
  }),
]);

const intentSchema = z.object({
  id: intentIdSchema,
  userId: z.uuid(),
  target: paymentTargetSchema,
  amountRial: z.number().int().positive(),
  createdAt: z.number().int(),
});

export const INTENT_COOKIE_PREFIX = "drturn_intent_";
export const intentCookieName = (intentId: string) => `${INTENT_COOKIE_PREFIX}${intentId}`;

export function newIntent(input: Omit<Intent, "id" | "createdAt">, now = Date.now()): Intent {
  return { ...input, id: randomBytes(12).toString("base64url"), createdAt: now };
}

export type IntentSealOptions = { passwords: Record<string, string>; ttlSeconds: number };

export function sealIntent(intent: Intent, options: IntentSealOptions): Promise<string> {
  return sealData(intent, { password: options.passwords, ttl: options.ttlSeconds });
}

/** The intent, or null when the seal is missing, forged, expired, belongs to another user or another id. */
export async function unsealIntent(
  seal: string | undefined,
  expected: { intentId: string; userId: string },
  options: IntentSealOptions,
  now = Date.now(),
): Promise<Intent | null> {
  if (!seal) return null;
  try {
    const parsed = intentSchema.safeParse(await unsealData<unknown>(seal, { password: options.passwords, ttl: options.ttlSeconds }));
    if (!parsed.success) return null;
    const intent = parsed.data;
    if (intent.id !== expected.intentId || intent.userId !== expected.userId) return null;
    if (now - intent.createdAt > options.ttlSeconds * 1000) return null;
    return intent;
  } catch {
    return null;
  }
}
