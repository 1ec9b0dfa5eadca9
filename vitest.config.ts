import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside the react-server condition; tests run the server modules directly.
      "server-only": path.resolve(import.meta.dirname, "db/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["{lib,db,app,components}/**/*.test.{ts,tsx}"],
    environment: "node",
    // After every test, every open test database must keep the product's invariants.
    setupFiles: ["lib/invariants/testing/after-each-test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
