import { readdir, readFile, writeFile } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { openPglite, embeddedEngine } from "@/db/client";
import { BackupError, backupFormatOf, writeAtomically } from "./backup-file";

/** PGlite's own dump of its data directory (a gzipped tar). It opens the directory like the app does, so it
 * takes the directory lock: while the dev server holds it, this stops with DatabaseLockedError (who holds it)
 * instead of copying files under a running database. Consistent because nothing else writes meanwhile. */
export async function dumpPglite(dataDir: string, file: string): Promise<void> {
  // Opening a missing directory would create a new, empty database and "back up" that.
  if (await isEmptyDirectory(dataDir))
    throw new BackupError(`there is no embedded database at ${dataDir} (PGLITE_DIR): nothing to back up`);
  const handle = openPglite(dataDir);
  try {
    await dumpPgliteClient(embeddedEngine(handle)!, file);
  } finally {
    await handle.close();
  }
}

/** The dump of an engine this process already has open (the test's in-memory one). */
export async function dumpPgliteClient(client: PGlite, file: string): Promise<void> {
  const tarball = await client.dumpDataDir("gzip");
  await writeAtomically(file, async (partial) => writeFile(partial, Buffer.from(await tarball.arrayBuffer())));
}

async function isEmptyDirectory(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** Unpacks a PGlite backup into an empty (or missing) data directory, under that directory's lock. */
export async function restorePglite(dataDir: string, file: string): Promise<void> {
  const format = await backupFormatOf(file);
  if (format !== "pglite")
    throw new BackupError(
      `${file} is not an embedded PGlite backup (${format === "pg_dump" ? "it is a pg_dump file: restore it with DATABASE_URL set to an empty database" : "unknown format"})`,
    );
  if (!(await isEmptyDirectory(dataDir))) {
    throw new BackupError(
      `${dataDir} is not empty; restore only into a new, empty directory (move the old one away, or set PGLITE_DIR to a new path)`,
    );
  }
  const handle = openPglite(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  try {
    await embeddedEngine(handle)!.waitReady;
  } finally {
    await handle.close();
  }
}
