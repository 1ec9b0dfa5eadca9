import { database, type Database } from "./client";
import { DatabaseLockedError } from "./pglite-lock";

/** database() for the command-line tools: an embedded database that a running server holds ends the tool with
 * the lock's message (who holds it, what to do) and exit code 1, instead of a stack trace. */
export function cliDatabase(tool: string): Database {
  try {
    return database();
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    console.error(`${tool}: ${error.message}`);
    process.exit(1);
  }
}
