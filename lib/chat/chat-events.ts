import type { Database } from "@/db/client";
import { log } from "@/lib/shared/log";

/** Push for open conversations and the header's unread badge (issue 17 §2). One LISTEN per process on
 * `chat_events` — every instance gets every NOTIFY, which the database sends when a request is created, a
 * message is written or a request's state or read markers change (the triggers of migrations 0008 and 0020) —
 * fanned out here to the event streams open on this instance. Each change is notified under the chat's id and
 * under `user:<id>` of its patient and of its doctor's account (whose unread counts it may move). A
 * notification carries nothing else: each stream then reads what is new for its own viewer, with the same
 * authorization as a poll. When postgres.js re-establishes a LISTEN it lost (a dropped connection, a
 * restarted server), whatever was notified in between is gone: every subscriber is woken then, and a woken
 * stream re-reads its state, so nothing committed in the gap stays unseen. */

export const CHAT_EVENTS_CHANNEL = "chat_events";

/** What to subscribe to: one conversation, or everything that may move one person's unread count. */
export const chatTopic = (chatRequestId: string) => chatRequestId;
export const userTopic = (userId: string) => `user:${userId}`;

type Listener = () => void;

class ChatEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private started: Promise<unknown> | null = null;

  constructor(private readonly database: Pick<Database, "listen">) {}

  /** Calls `onChange` after each committed change under `topic` (chatTopic, userTopic), and whenever a lost
   * LISTEN is back, until the returned function is called. */
  async subscribe(topic: string, onChange: Listener): Promise<() => void> {
    this.started ??= this.database
      .listen(
        CHAT_EVENTS_CHANNEL,
        (payload) => this.deliver(payload),
        () => this.wakeAll(),
      )
      .catch((error: unknown) => {
        // The next subscriber tries again; until then the streams' clients fall back to polling.
        this.started = null;
        throw error;
      });
    await this.started;
    const set = this.listeners.get(topic) ?? new Set();
    set.add(onChange);
    this.listeners.set(topic, set);
    return () => {
      set.delete(onChange);
      // Only this set: after it emptied once, a later subscriber may have started a new one.
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    };
  }

  /** How many streams are open on this instance (for the log and the bench). */
  get openStreams(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private deliver(topic: string) {
    for (const listener of this.listeners.get(topic) ?? []) listener();
  }

  /** Called each time the LISTEN is (re)established; on the first, nobody has subscribed yet. */
  private wakeAll() {
    if (this.openStreams === 0) return;
    log.info(`[chat] LISTEN ${CHAT_EVENTS_CHANNEL} re-established: waking ${this.openStreams} open streams to re-read what they missed`);
    for (const set of this.listeners.values()) for (const listener of set) listener();
  }
}

const hubs = new WeakMap<object, ChatEventHub>();

/** The process's hub for a database (one per database handle; the app has one). */
export function chatEventHub(database: Pick<Database, "listen">): ChatEventHub {
  let hub = hubs.get(database);
  if (!hub) {
    hub = new ChatEventHub(database);
    hubs.set(database, hub);
  }
  return hub;
}
