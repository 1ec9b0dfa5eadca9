import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drain, isDraining, requestsInFlight, resetDrain, trackRequests } from "./drain";

/** A real HTTP server of this process, tracked like Next's: `/health` answers as /api/health does (503 while
 * draining), `/slow` stays in flight until the test lets it finish. */
async function world() {
  resetDrain();
  trackRequests();
  const events: string[] = [];
  const held: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    if (request.url === "/health") return void response.writeHead(isDraining() ? 503 : 200).end();
    held.push(() => {
      events.push("request answered");
      response.writeHead(200).end("done");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lines: { line: string; level: string }[] = [];
  const exits: number[] = [];
  const control = () => {
    let release!: () => void;
    let fail!: (error: Error) => void;
    const promise = new Promise<void>((resolve, reject) => {
      release = resolve;
      fail = reject;
    });
    return { promise, release, fail };
  };
  const worker = control();
  const steps = (overrides: { timeoutMs?: number; noticeMs?: number } = {}) => ({
    noticeMs: overrides.noticeMs ?? 20,
    timeoutMs: overrides.timeoutMs ?? 30_000,
    stopJobs: () => worker.promise.then(() => void events.push("worker stopped")),
    closeDatabase: async () => void events.push("pool closed"),
    log: (line: string, level: string) => void lines.push({ line, level }),
    exit: (code: number) => void events.push(`exit ${code}`),
  });
  const inFlight = async () => {
    const answer = fetch(`${base}/slow`).then(async (r) => [r.status, await r.text()] as const);
    await expect.poll(() => requestsInFlight()).toBe(1);
    return { answer }; // wrapped: an async function returning the promise itself would wait for it
  };
  cleanups.push(() => {
    for (const finish of held) finish();
    worker.release();
    server.closeAllConnections();
    server.close();
  });
  return { base, server, events, lines, exits, worker, steps, inFlight, finishRequests: () => held.splice(0).forEach((f) => f()) };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  resetDrain();
});

describe("the drain on SIGTERM", () => {
  it("answers 503 at once, lets the request in flight finish, waits for the worker, then closes the pool and exits 0", async () => {
    const w = await world();
    expect((await fetch(`${w.base}/health`)).status).toBe(200);
    const { answer } = await w.inFlight();

    // A notice long enough for a health check to get through before the listener closes.
    const drained = drain("SIGTERM", w.steps({ noticeMs: 1500 }));
    expect(isDraining()).toBe(true);
    expect((await fetch(`${w.base}/health`)).status).toBe(503);

    w.worker.release();
    // The notice is over once the listener is closed; the request is still running, so nothing closes yet.
    await expect.poll(() => w.server.listening, { timeout: 10_000 }).toBe(false);
    await expect.poll(() => w.events).toContain("worker stopped");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(w.events).toEqual(["worker stopped"]);

    w.finishRequests();
    await drained;
    expect(await answer).toEqual([200, "done"]);
    expect(w.events).toEqual(["worker stopped", "request answered", "pool closed", "exit 0"]);
    expect(w.lines.at(-1)).toEqual({
      level: "info",
      line: expect.stringMatching(/^\[drain\] done in \d+ ms: 1 requests were in flight .*; job worker stopped, pool closed; exiting 0$/),
    });
  });

  it("waits for the pool until the worker has stopped, even when the requests are done first", async () => {
    const w = await world();
    await fetch(`${w.base}/health`); // the drain closes the servers it has seen a request on
    const drained = drain("SIGTERM", w.steps());
    await expect.poll(() => w.server.listening).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(w.events).toEqual([]);
    w.worker.release();
    await drained;
    expect(w.events).toEqual(["worker stopped", "pool closed", "exit 0"]);
  });

  it("reports a failed worker stop in its last line and exits 1 — still closing the pool", async () => {
    const w = await world();
    const drained = drain("SIGTERM", w.steps());
    w.worker.fail(new Error("graphile-worker: lock lost"));
    await drained;
    expect(w.events).toEqual(["pool closed", "exit 1"]);
    const last = w.lines.at(-1)!;
    expect(last.level).toBe("error");
    expect(last.line).toContain("the job worker's stop FAILED (graphile-worker: lock lost");
    expect(last.line).not.toContain("job worker stopped");
    expect(last.line).toMatch(/exiting 1$/);
  });

  it("is bounded: a request that never finishes makes it exit 1, saying so", async () => {
    const w = await world();
    const { answer } = await w.inFlight();
    w.worker.release();
    void drain("SIGTERM", w.steps({ timeoutMs: 300 }));
    await expect.poll(() => w.events, { timeout: 5_000 }).toContain("exit 1");
    expect(w.events).not.toContain("pool closed");
    expect(w.lines.at(-1)).toEqual({
      level: "error",
      line: "[drain] not done after 300 ms (in-flight requests): 1 requests still in flight; job worker stopped; exiting 1",
    });
    w.finishRequests();
    await answer;
  });

  it("is bounded: a worker whose stop never ends makes it exit 1, naming the worker", async () => {
    const w = await world();
    void drain("SIGTERM", w.steps({ timeoutMs: 300 }));
    await expect.poll(() => w.events, { timeout: 5_000 }).toContain("exit 1");
    expect(w.events).toEqual(["exit 1"]);
    expect(w.lines.at(-1)!.line).toMatch(/^\[drain\] not done after 300 ms \(job worker\): the job worker's stop has not finished/);
  });
});
