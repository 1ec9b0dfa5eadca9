import "server-only";
import { prepareDatabase } from "@/db/migrate";
import { config, ConfigError } from "./config";

/** Checks the configuration (a bad variable stops the process with a message naming it), then migrates the
 * database and seeds an empty embedded one. */
export async function startServer(): Promise<void> {
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[dr-turn] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  await prepareDatabase();
}
