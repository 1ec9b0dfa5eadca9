import { open, rename, rm } from "node:fs/promises";

/** What a backup file holds, told by its first bytes: pg_dump's custom format starts with "PGDMP", PGlite's
 * data-directory dump is a gzip-compressed tar. */
export type BackupFormat = "pg_dump" | "pglite";

export async function backupFormatOf(file: string): Promise<BackupFormat | null> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    if (bytesRead === 5 && head.toString("latin1") === "PGDMP") return "pg_dump";
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "pglite";
    return null;
  } finally {
    await handle.close();
  }
}

/** Writes through `<file>.partial` and renames at the end, so a dump that fails half-way never looks like a
 * backup an operator could restore. */
export async function writeAtomically(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export class BackupError extends Error {}
