import { rmSync } from "node:fs";
import path from "node:path";
import { freePort, newSecrets, startAppServer } from "../../bench/support/app-server";
import { projectRoot } from "../../bench/support/paths";

/** A second production server (`next start` on the build the journeys use) with settings of its own — for
 * limits the shared server must keep generous, such as the per-address code limit. Its own fresh embedded
 * PGlite, a port just above E2E_PORT, stopped (and its data removed) by close(). */
export type OwnServer = { baseURL: string; close: () => Promise<void> };

export async function startOwnServer(env: Record<string, string>): Promise<OwnServer> {
  const e2ePort = Number(process.env.E2E_PORT || 3100);
  const dataDir = path.join(projectRoot, ".data", `e2e-own-${Date.now()}-${process.pid}`);
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const server = await startAppServer({
    name: "own",
    port: await freePort(e2ePort + 1, e2ePort + 9),
    // No DATABASE_URL: its own embedded database, so that its limits count only its own requests.
    databaseUrl: "",
    secrets: newSecrets(),
    env: { PGLITE_DIR: dataDir, DEMO_MODE: "true", ...env },
  }).catch((error: unknown) => {
    removeData();
    throw error;
  });
  return {
    baseURL: server.url,
    close: async () => {
      await server.stop();
      removeData();
    },
  };
}
