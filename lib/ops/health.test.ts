import { describe, expect, it, vi } from "vitest";
import { log } from "@/lib/shared/log";
import { createTestDatabase } from "@/db/testing/test-db";
import { checkHealth } from "./health";

describe("health check", () => {
  it("answers 200 while the database answers", async () => {
    const database = await createTestDatabase();
    try {
      expect(await checkHealth(database.db)).toEqual({ httpStatus: 200, body: { status: "ok", db: "ok" } });
    } finally {
      await database.close();
    }
  });

  it("answers 503 with a reason once the database is gone", async () => {
    const database = await createTestDatabase();
    await database.close();
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    expect(await checkHealth(database.db)).toEqual({
      httpStatus: 503,
      body: { status: "error", db: "down", reason: "database unreachable" },
    });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe("health check while draining", () => {
  it("answers 503 without asking the database, so the load balancer moves away", async () => {
    const database = await createTestDatabase();
    try {
      expect(await checkHealth(database.db, { draining: true })).toEqual({ httpStatus: 503, body: { status: "draining" } });
    } finally {
      await database.close();
    }
  });

  it("answers 503 when the database does not answer in time (a network cut, not a refusal)", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const hanging = { execute: () => new Promise(() => {}) } as unknown as Parameters<typeof checkHealth>[0];
    expect((await checkHealth(hanging, { timeoutMs: 50 })).httpStatus).toBe(503);
    logged.mockRestore();
  });
});
