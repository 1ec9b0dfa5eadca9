import { log } from "./log";

/** A Server-Sent Events response fed by wake-ups (LISTEN/NOTIFY through lib/chat/chat-events.ts): on each
 * one, the feed reads the viewer's state again and says what to send. Shared by the conversation stream and
 * the header badge's stream, so both keep the same rules: one read at a time, a heartbeat, `retry`, and an
 * end the client notices (it then polls until its EventSource is back). */

export type StreamRead =
  /** Send this as one event's data (JSON: one line). */
  | { kind: "send"; data: string }
  /** Nothing the client does not already have. */
  | { kind: "quiet" }
  /** The viewer may no longer read this (signed out of it, the chat gone): close the stream. */
  | { kind: "end" };

export type EventFeed = {
  /** Registers `wake`; resolves to the function that unregisters it. A rejection ends the stream at once. */
  subscribe(wake: () => void): Promise<() => void>;
  read(): Promise<StreamRead>;
  /** Who and what, for the log: "[chat] stream of chat … for user …". */
  describe: string;
};

/** A comment line now and then, so proxies and mobile networks do not drop an idle stream. */
const HEARTBEAT_MS = 20_000;
/** What EventSource waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;

export function eventStreamResponse(signal: AbortSignal, feed: EventFeed): Response {
  const encoder = new TextEncoder();
  let stop = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let running = false;
      let again = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      // One read at a time; a wake-up during a read triggers one more read, never a pile of them.
      const push = async () => {
        if (running) return void (again = true);
        running = true;
        try {
          do {
            again = false;
            const next = await feed.read();
            if (next.kind === "end") return stop();
            if (next.kind === "send") send(`data: ${next.data}\n\n`);
          } while (again && !closed);
        } catch (error) {
          log.error(`${feed.describe} failed:`, error);
          stop();
        } finally {
          running = false;
        }
      };
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener("abort", () => stop());
      try {
        unsubscribe = await feed.subscribe(() => void push());
      } catch (error) {
        log.error(`${feed.describe}: cannot LISTEN; the client falls back to polling:`, error);
        return stop();
      }
      // The client went away while we subscribed: stop() ran before there was anything to unsubscribe.
      if (closed) return unsubscribe();
      send(`retry: ${RETRY_MS}\n\n`);
      await push();
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
