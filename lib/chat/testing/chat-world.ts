import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, doctors, users } from "@/db/schema";
import type { Actor, Role } from "@/lib/auth/actor";
import { payFromWallet, type PaymentEngine } from "@/lib/payments/payment-engine";
import { fundWallet, intentFor, makeDoctor, makePatient } from "@/testing/engine-harness";

/** Test support for chat services: accounts of every role and chat requests bought the real way. */

export const CHAT_FEE = 1_500_000;
export const SUMMARY = "سرماخوردگی ویروسی؛ استراحت، مایعات فراوان، و اگر تب بیش از سه روز ماند مراجعه کنید.";
export const QUESTION = "سه روز است سرفه‌ی خشک و تب خفیف دارم؛ چه کنم؟";

export const actorOf = (user: { id: string; role: Role }): Actor => ({ userId: user.id, role: user.role });

export async function makeUser(db: Db, role: Role) {
  const user = await makePatient(db);
  if (role === "patient") return user;
  const [updated] = await db.update(users).set({ role }).where(eq(users.id, user.id)).returning();
  return updated!;
}

/** A doctor profile that takes chats, with its own sign-in account. */
export async function makeChatDoctor(db: Db, options: { chatAnswerHours?: number; chatFeeRial?: number } = {}) {
  const doctor = await makeDoctor(db, {
    chatFeeRial: options.chatFeeRial ?? CHAT_FEE,
    takesChat: true,
    chatAnswerHours: options.chatAnswerHours ?? 24,
  });
  const account = await makeUser(db, "doctor");
  await db.update(doctors).set({ userId: account.id }).where(eq(doctors.id, doctor.id));
  return { doctor, account, actor: actorOf(account) };
}

/** A chat request paid from the patient's wallet (funded for it first) through the payment engine. */
export async function buyChat(engine: PaymentEngine, patientId: string, doctorId: string, question = QUESTION) {
  const [doctor] = await engine.db.select({ fee: doctors.chatFeeRial }).from(doctors).where(eq(doctors.id, doctorId));
  await fundWallet(engine.db, patientId, doctor!.fee);
  const paid = await payFromWallet(engine, { intent: intentFor(patientId, { kind: "chat", doctorId, question }) });
  if (!paid.ok) throw new Error(`chat purchase failed: ${paid.error.code}`);
  const [request] = await engine.db.select().from(chatRequests).where(eq(chatRequests.paymentAttemptId, paid.value.attemptId));
  return request!;
}
