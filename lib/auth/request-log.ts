import "server-only";
import { headers } from "next/headers";
import { withLogContext, type LogFields } from "@/lib/shared/log";

/** The id proxy.ts gives every request (or takes from our own balancer), as route handlers and actions see it. */
export async function requestId(): Promise<string | undefined> {
  try {
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    return undefined; // outside a request: a job, a CLI
  }
}

/** Runs a route handler's or action's work with the request id (and `fields`) on every line it logs, so one
 * request's lines — the callback's verify and settle, say — can be read together. */
export async function withRequestLog<T>(fields: LogFields, work: () => Promise<T>): Promise<T> {
  return withLogContext({ requestId: await requestId(), ...fields }, work);
}
