import { describe, expect, it, vi } from "vitest";
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
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await checkHealth(database.db)).toEqual({
      httpStatus: 503,
      body: { status: "error", db: "down", reason: "database unreachable" },
    });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
