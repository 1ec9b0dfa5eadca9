import type { Db } from "@/db/client";
import { findViolations } from "./invariant-checks";

/** A ghost record is a reservation or chat request with no verified payment or wallet debit behind it (the
 * `ghost_records` invariant). Expected: none, ever. The monitoring page, `/api/metrics` and the staff's day
 * overview show this count. */
export type GhostRecords = {
  reservations: number;
  chatRequests: number;
  total: number;
  sample: { kind: "reservation" | "chat_request"; id: string }[];
};

const SAMPLE = 20;

/** Counted live from the tables, never cached. */
export async function ghostRecords(db: Db): Promise<GhostRecords> {
  const ghosts = (await findViolations(db, ["ghost_records"])).map((v) => ({
    kind: v.kind as "reservation" | "chat_request",
    id: v.subject,
  }));
  const reservations = ghosts.filter((g) => g.kind === "reservation");
  const chatRequests = ghosts.filter((g) => g.kind === "chat_request");
  return {
    reservations: reservations.length,
    chatRequests: chatRequests.length,
    total: ghosts.length,
    sample: [...reservations, ...chatRequests].slice(0, SAMPLE),
  };
}
