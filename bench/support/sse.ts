import http from "node:http";
import type { Db } from "@/db/client";
import { acceptChatRequest } from "@/lib/chat/chat-lifecycle";
import type { ChatSnapshot } from "@/lib/chat/chat-wire";
import type { PaymentEngine } from "@/lib/payments/payment-engine";
import { buyChat, makeChatDoctor, makeUser } from "@/lib/chat/testing/chat-world";
import { countCpu, type CpuPerOperation } from "./cpu";
import { sessionCookie } from "./fixtures";
import { mapLimit } from "./gateway-flow";
import { currentRssMiB } from "./memory";

/** Push for open conversations (issue 17 §2) under load: `conversations` patients each keep their chat's
 * event stream (GET /api/chats/{id}/stream, Server-Sent Events woken by LISTEN/NOTIFY) open on one server;
 * the server's CPU and memory are read while nothing happens, then the doctors send `ratePerSecond` messages
 * a second (POST /api/chats/{id}/messages, spread over the chats) and each message's latency is the time from
 * its POST leaving the bench to its arrival on the patient's open stream. */

export type SseOptions = {
  serverUrl: string;
  serverPid: number;
  databaseUrl: string;
  sessionPassword: string;
  conversations: number;
  doctors: number;
  idleSeconds: number;
  ratePerSecond: number;
  loadSeconds: number;
};

export type SseResult = {
  conversations: number;
  doctors: number;
  /** From the first stream asked for to the last one's first snapshot, 50 opening at a time. */
  openSeconds: number;
  idle: {
    seconds: number;
    serverCpuPercent: number | null;
    postgresCpuPercent: number | null;
    rssBeforeMiB: number | null;
    rssOpenMiB: number | null;
  };
  load: {
    ratePerSecond: number;
    seconds: number;
    sent: number;
    delivered: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** The POST's own answer time, for comparison: the message is in the database when it answers. */
    sendP99Ms: number;
    serverCpuPercent: number | null;
    postgresCpuPercent: number | null;
    cpuMsPerMessage: CpuPerOperation;
    rssMiB: number | null;
  };
  targetP99Ms: number;
  ok: boolean;
};

export const SSE_TARGET_P99_MS = 300;
const OPENING_AT_ONCE = 50;
/** Once every POST is answered, the missing messages count as lost when none has arrived for this long
 * (on a starved machine they arrive late rather than never: those are slow, not lost). */
const DRAIN_QUIET_MS = 15_000;
const BODY = /^bench message (\d+)$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Chat = { id: string; patientId: string; doctorUserId: string };

/** `conversations` accepted chats, bought the real way (wallet payment through the engine), spread over `doctors`. */
async function seedChats(db: Db, engine: PaymentEngine, conversations: number, doctorCount: number): Promise<Chat[]> {
  const doctors = await mapLimit(Array.from({ length: doctorCount }), 8, () => makeChatDoctor(db));
  return mapLimit(Array.from({ length: conversations }), 8, async (_, i) => {
    const doctor = doctors[i % doctors.length]!;
    const patient = await makeUser(db, "patient");
    const request = await buyChat(engine, patient.id, doctor.doctor.id);
    const accepted = await acceptChatRequest(db, doctor.actor, request.id);
    if (!accepted.ok) throw new Error(`accepting chat ${request.id} failed: ${accepted.error.code}`);
    return { id: request.id, patientId: patient.id, doctorUserId: doctor.account.id };
  });
}

type Stream = { close(): void; opened: Promise<void> };

/** One patient's open event stream: every snapshot's messages are handed to `onMessage` as they arrive. */
function openStream(url: string, cookie: string, onMessage: (body: string, at: number) => void, onDrop: (why: string) => void): Stream {
  let resolveOpened: () => void = () => {};
  let rejectOpened: (error: Error) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  let closing = false;
  const request = http.get(url, { headers: { cookie, accept: "text/event-stream" }, agent: false }, (response) => {
    if (response.statusCode !== 200) {
      rejectOpened(new Error(`stream ${url} answered ${response.statusCode}`));
      response.resume();
      return;
    }
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of event.split("\n")) {
          if (!line.startsWith("data: ")) continue;
          const snapshot = JSON.parse(line.slice(6)) as ChatSnapshot;
          for (const message of snapshot.messages) onMessage(message.body, at);
          resolveOpened();
        }
      }
    });
    response.on("end", () => {
      if (!closing) onDrop(`stream ${url} ended`);
    });
  });
  request.on("error", (error) => {
    rejectOpened(error);
    if (!closing) onDrop(`stream ${url}: ${error.message}`);
  });
  return {
    opened,
    close() {
      closing = true;
      request.destroy();
    },
  };
}

export async function runSseScenario(
  db: Db,
  engine: PaymentEngine,
  options: SseOptions,
  log: (message: string) => void,
): Promise<SseResult> {
  log(`sse: seeding ${options.conversations} accepted chats with ${options.doctors} doctors`);
  const chats = await seedChats(db, engine, options.conversations, options.doctors);
  const cookies = new Map<string, string>();
  for (const chat of chats) {
    cookies.set(chat.patientId, await sessionCookie(chat.patientId, options.sessionPassword));
    if (!cookies.has(chat.doctorUserId)) cookies.set(chat.doctorUserId, await sessionCookie(chat.doctorUserId, options.sessionPassword));
  }

  const arrivedAt = new Map<number, number>();
  const drops: string[] = [];
  const onMessage = (body: string, at: number) => {
    const match = BODY.exec(body);
    if (match && !arrivedAt.has(Number(match[1]))) arrivedAt.set(Number(match[1]), at);
  };
  const rssBeforeMiB = currentRssMiB(options.serverPid);
  log(`sse: opening ${chats.length} streams`);
  const openStarted = performance.now();
  const streams = await mapLimit(chats, OPENING_AT_ONCE, async (chat) => {
    const stream = openStream(`${options.serverUrl}/api/chats/${chat.id}/stream`, cookies.get(chat.patientId)!, onMessage, (why) =>
      drops.push(why),
    );
    await stream.opened;
    return stream;
  });
  const openSeconds = round((performance.now() - openStarted) / 1000, 2);

  const send = (chat: Chat, body: string) =>
    fetch(`${options.serverUrl}/api/chats/${chat.id}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookies.get(chat.doctorUserId)! },
      body: JSON.stringify({ body }),
    });

  try {
    // The send route's first requests load its modules: not what the latency should measure.
    for (const chat of chats.slice(0, 5)) await (await send(chat, "warm-up")).arrayBuffer();
    // Let the first snapshots' read receipts and the opening's garbage settle before measuring the quiet.
    await sleep(2_000);
    const idleCpu = countCpu(options.serverPid, options.databaseUrl);
    await sleep(options.idleSeconds * 1000);
    const idleMs = idleCpu.perOperation(1);
    const rssOpenMiB = currentRssMiB(options.serverPid);
    const percentOf = (ms: number | null, seconds: number) => (ms === null ? null : round((ms / (seconds * 1000)) * 100));

    const total = Math.round(options.ratePerSecond * options.loadSeconds);
    log(`sse: ${total} messages at ${options.ratePerSecond}/s over the open streams`);
    const sentAt = new Array<number>(total);
    const sendMs: number[] = [];
    const refused: string[] = [];
    const loadCpu = countCpu(options.serverPid, options.databaseUrl);
    const loadStarted = performance.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      // Open loop: each message leaves at its time, whether or not the earlier ones were answered.
      const due = loadStarted + (i * 1000) / options.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const chat = chats[i % chats.length]!;
      sentAt[i] = performance.now();
      sends.push(
        send(chat, `bench message ${i}`).then(async (response) => {
          await response.arrayBuffer();
          sendMs.push(performance.now() - sentAt[i]!);
          if (response.status !== 201) refused.push(`message ${i}: ${response.status}`);
        }),
      );
    }
    await Promise.all(sends);
    let lastCount = arrivedAt.size;
    let lastProgress = performance.now();
    while (arrivedAt.size < total && performance.now() - lastProgress < DRAIN_QUIET_MS) {
      await sleep(50);
      if (arrivedAt.size > lastCount) [lastCount, lastProgress] = [arrivedAt.size, performance.now()];
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const loadMs = loadCpu.perOperation(1);
    const latencies = [...arrivedAt.entries()].map(([i, at]) => at - sentAt[i]!).sort((a, b) => a - b);
    const sendSorted = [...sendMs].sort((a, b) => a - b);
    if (refused.length > 0) throw new Error(`sse: messages refused: ${refused.slice(0, 5).join("; ")}`);
    if (drops.length > 0) throw new Error(`sse: streams dropped: ${drops.slice(0, 5).join("; ")}`);

    const p99 = round(percentile(latencies, 99));
    const result: SseResult = {
      conversations: chats.length,
      doctors: options.doctors,
      openSeconds,
      idle: {
        seconds: options.idleSeconds,
        serverCpuPercent: percentOf(idleMs.serverMs, options.idleSeconds),
        postgresCpuPercent: percentOf(idleMs.postgresMs, options.idleSeconds),
        rssBeforeMiB,
        rssOpenMiB,
      },
      load: {
        ratePerSecond: options.ratePerSecond,
        seconds: options.loadSeconds,
        sent: total,
        delivered: arrivedAt.size,
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: p99,
        maxMs: round(latencies.at(-1) ?? 0),
        sendP99Ms: round(percentile(sendSorted, 99)),
        serverCpuPercent: percentOf(loadMs.serverMs, loadSeconds),
        postgresCpuPercent: percentOf(loadMs.postgresMs, loadSeconds),
        cpuMsPerMessage: {
          serverMs: loadMs.serverMs === null ? null : round(loadMs.serverMs / total, 2),
          postgresMs: loadMs.postgresMs === null ? null : round(loadMs.postgresMs / total, 2),
        },
        rssMiB: currentRssMiB(options.serverPid),
      },
      targetP99Ms: SSE_TARGET_P99_MS,
      ok: arrivedAt.size === total && p99 <= SSE_TARGET_P99_MS,
    };
    return result;
  } finally {
    for (const stream of streams) stream.close();
  }
}
