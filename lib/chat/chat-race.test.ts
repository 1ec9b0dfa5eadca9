import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, chatRequests, walletLedger } from "@/db/schema";
import { handleGatewayReturn, startGatewayPayment } from "@/lib/payments/payment-engine";
import { reconcilePayments } from "@/lib/payments/reconcile";
import {
  authorityOf,
  balanceOf,
  intentFor,
  makeDoctor,
  makePatient,
  payAtSandbox,
  snapshot,
  verifyOutcomes,
} from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";
import { expireOverdueChatRequests } from "./chat-expiry";
import { acceptChatRequest, closeChatRequest } from "./chat-lifecycle";
import { pollChat, sendChatMessage } from "./chat-messages";
import type { WireMessage } from "./chat-wire";
import { actorOf, buyChat, CHAT_FEE, makeChatDoctor, makeUser, QUESTION } from "./testing/chat-world";

/** Real concurrency needs real Postgres (PGlite runs one statement at a time): this file always runs on a
 * throwaway database of the server in DATABASE_URL, or of the local development server. */
const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

const HOUR = 3_600_000;

/** `count` waiting requests, each from its own patient to one doctor, whose deadline has passed by `now`. */
async function overdueRequests(count: number) {
  const { engine: e } = testEngine();
  const doc = await makeChatDoctor(db());
  const requests = [];
  for (let i = 0; i < count; i++) requests.push(await buyChat(e, (await makeUser(db(), "patient")).id, doc.doctor.id));
  return { doc, requests, now: new Date(Date.now() + 25 * HOUR) };
}

describe("concurrent callbacks for one chat payment", () => {
  it("10 identical callbacks and two reconcile jobs at once: one chat request, one verify answered 100", async () => {
    const t = testEngine();
    const doctor = await makeDoctor(db(), { chatFeeRial: CHAT_FEE, takesChat: true });
    const patient = await makePatient(db());
    const started = await startGatewayPayment(t.engine, {
      intent: intentFor(patient.id, { kind: "chat", doctorId: doctor.id, question: QUESTION }),
    });
    if (!started.ok) throw new Error(started.error.code);
    const back = await payAtSandbox(apiBase(), authorityOf(started.value.paymentUrl), "paid");

    const future = new Date(Date.now() + HOUR);
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => handleGatewayReturn(t.engine, back)),
      reconcilePayments(t.engine, { olderThan: future }),
      reconcilePayments(t.engine, { olderThan: future }),
    ]);
    for (const r of results.slice(0, 10)) expect(r).toMatchObject({ ok: true, value: { status: "paid" } });
    const s = await snapshot(db());
    expect(s.chats.map((c) => c.paymentAttemptId)).toEqual([started.value.attemptId]);
    expect(verifyOutcomes(t.calls).filter((c) => c === 100)).toHaveLength(1);
    expect(verifyOutcomes(t.calls).every((c) => c === 100 || c === 101)).toBe(true);
  });
});

describe("expiry refunds", () => {
  it("four runs at once over eight overdue requests: each expired and refunded exactly once", async () => {
    const { requests, now } = await overdueRequests(8);
    const counts = await Promise.all(Array.from({ length: 4 }, () => expireOverdueChatRequests(db(), now)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);

    const refunds = await db().select().from(walletLedger).where(eq(walletLedger.reason, "chat_expiry_refund"));
    expect(refunds.map((l) => l.reference).sort()).toEqual(requests.map((r) => r.id).sort());
    for (const r of requests) {
      expect(refunds.find((l) => l.reference === r.id)).toMatchObject({ userId: r.patientId, amountRial: CHAT_FEE });
      expect(await balanceOf(db(), r.patientId)).toBe(CHAT_FEE);
    }
    const rows = await db().select({ status: chatRequests.status }).from(chatRequests);
    expect(rows.every((r) => r.status === "expired")).toBe(true);
    expect(await expireOverdueChatRequests(db(), now)).toBe(0);
  });

  it("the doctor accepting while the job expires (clocks a little apart): each request ends one way, never both", async () => {
    const { doc, requests, now } = await overdueRequests(12);
    const doctorsClock = new Date(requests[0]!.answerDeadline.getTime() - 1_000);
    const [accepts, ...runs] = await Promise.all([
      Promise.all(requests.map((r) => acceptChatRequest(db(), doc.actor, r.id, doctorsClock))),
      expireOverdueChatRequests(db(), now),
      expireOverdueChatRequests(db(), now),
    ]);
    const rows = await db().select().from(chatRequests);
    const refunds = await db().select().from(walletLedger).where(eq(walletLedger.reason, "chat_expiry_refund"));
    requests.forEach((r, i) => {
      const row = rows.find((x) => x.id === r.id)!;
      const refunded = refunds.filter((l) => l.reference === r.id);
      if (row.status === "active") {
        expect(accepts[i]).toEqual({ ok: true, value: undefined });
        expect(refunded).toHaveLength(0);
      } else {
        expect(row.status).toBe("expired");
        expect(accepts[i]).toEqual({ ok: false, error: { code: "deadline_passed" } });
        expect(refunded).toHaveLength(1);
      }
    });
    expect(runs.reduce((a, b) => a + b, 0)).toBe(refunds.length);
  });
});

describe("messages sent at once", () => {
  it("a poller following the cursor while 40 messages arrive concurrently from both sides misses none and sees them in order", async () => {
    const { engine: e } = testEngine();
    const doc = await makeChatDoctor(db());
    const patientUser = await makeUser(db(), "patient");
    const patient = actorOf(patientUser);
    const { id } = await buyChat(e, patientUser.id, doc.doctor.id);
    await acceptChatRequest(db(), doc.actor, id);

    const seen: WireMessage["id"][] = [];
    let sending = true;
    const poller = (async () => {
      // Keep polling until the senders are done and one more poll has found nothing new.
      for (let idle = false; sending || !idle;) {
        const poll = await pollChat(db(), patient, id, seen.at(-1) ?? null);
        seen.push(...poll!.messages.map((m) => m.id));
        idle = !sending && poll!.messages.length === 0;
      }
    })();
    const sends = await Promise.all(
      Array.from({ length: 40 }, (_, i) => sendChatMessage(db(), i % 2 ? doc.actor : patient, { chatRequestId: id, body: `پیام ${i}` })),
    );
    sending = false;
    await poller;

    expect(sends.every((s) => s.ok)).toBe(true);
    const all = (await pollChat(db(), doc.actor, id, null))!.messages;
    expect(all).toHaveLength(40);
    expect(seen).toEqual(all.map((m) => m.id));
    for (let i = 1; i < all.length; i++) expect(all[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.createdAt.getTime());
  });
});

describe("closing a consultation", () => {
  it("two closes at once with different summaries (two tabs): one wins and its summary stays; the other is told it is already closed", async () => {
    const { engine: e } = testEngine();
    const doc = await makeChatDoctor(db());
    const patientUser = await makeUser(db(), "patient");
    const { id } = await buyChat(e, patientUser.id, doc.doctor.id);
    await acceptChatRequest(db(), doc.actor, id);

    const summaries = Array.from({ length: 6 }, (_, i) => `خلاصه‌ی شماره‌ی ${i}: استراحت و مایعات.`);
    const results = await Promise.all(summaries.map((s) => closeChatRequest(db(), doc.actor, id, s)));

    const winners = summaries.filter((_, i) => results[i]!.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 5 }, () => ({ ok: false, error: { code: "already_closed" } })));
    const [row] = await db().select().from(chatRequests).where(eq(chatRequests.id, id));
    expect(row).toMatchObject({ status: "closed", closingSummary: winners[0], closedBy: doc.account.id });
    // Only the close that won is audited: the row is written in the transaction of the conditional update.
    expect(await db().select({ action: auditLog.action, subjectId: auditLog.subjectId }).from(auditLog)).toEqual([
      { action: "chat.close", subjectId: id },
    ]);
  });
});
