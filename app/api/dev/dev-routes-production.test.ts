import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { realProductionEnv } from "@/lib/testing/production-env";

/** On a real production server (real SMS and gateway, no DEMO_MODE) the test doubles' doors are closed: the SMS
 * outbox, the extra-slot helper and the sandbox gateway answer 404 before touching anything. */

const dataParent = mkdtempSync(path.join(tmpdir(), "drturn-devroutes-"));

beforeAll(() => {
  vi.resetModules();
  const env = {
    ...realProductionEnv,
    DATABASE_URL: "",
    // Should a guard fail, the route's database is a throwaway one, never the checkout's.
    PGLITE_DIR: path.join(dataParent, "pglite"),
    DEMO_MODE: "",
  };
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  rmSync(dataParent, { recursive: true, force: true });
});

const params = (...segments: string[]) => ({ params: Promise.resolve({ path: segments }) });

describe("dev and sandbox routes on a production server without DEMO_MODE", () => {
  it("GET /api/dev/sms-outbox is 404", async () => {
    const { GET } = await import("./sms-outbox/route");
    expect((await GET(new Request("http://app.test/api/dev/sms-outbox?phone=09120000001"))).status).toBe(404);
  });

  it("POST /api/dev/slots is 404", async () => {
    const { POST } = await import("./slots/route");
    const body = JSON.stringify({ doctorId: "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", startsInMinutes: 60 });
    expect((await POST(new Request("http://app.test/api/dev/slots", { method: "POST", body }))).status).toBe(404);
  });

  it("every sandbox gateway path is 404", async () => {
    const { GET, POST } = await import("@/app/sandbox/[...path]/route");
    const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    const answers = await Promise.all([
      GET(
        new Request("http://app.test/sandbox/pg/StartPay/A0000000000000000000000000000000001"),
        params("pg", "StartPay", "A0000000000000000000000000000000001"),
      ),
      POST(new Request("http://app.test/sandbox/control", json({ fault: "none" })), params("control")),
      POST(
        new Request("http://app.test/sandbox/pg/v4/payment/request.json", json({ amount: 10_000 })),
        params("pg", "v4", "payment", "request.json"),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
  });
});
