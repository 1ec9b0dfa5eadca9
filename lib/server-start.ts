import "server-only";
import { prepareDatabase } from "@/db/migrate";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { config, ConfigError } from "./config";

/** Checks the configuration (a bad variable stops the process with a message naming it), then opens the
 * database — an embedded one that another process holds stops it too, with a message naming that process —
 * migrates it and seeds an empty embedded one. */
export async function startServer(): Promise<void> {
  try {
    config();
    await prepareDatabase();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
      console.error(`[dr-turn] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
