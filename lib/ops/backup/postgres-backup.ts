import { spawn } from "node:child_process";
import postgres from "postgres";
import { BackupError, backupFormatOf, writeAtomically } from "./backup-file";

/** The password travels in PGPASSWORD, not on the command line, where `ps` would show it to every user. */
function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) =>
      reject(
        new BackupError(
          `${command} could not be started (${error.message}); install the PostgreSQL client tools (Debian: postgresql-client) matching the server's major version`,
        ),
      ),
    );
    child.on("close", (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** pg_dump in its custom format (compressed; pg_restore reads it). pg_dump reads one snapshot in one
 * transaction, so the dump is consistent while the app keeps writing: a payment is in it whole or not at all. */
export async function dumpPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = connectionFor(url);
  await writeAtomically(file, (partial) =>
    run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${dbname}`], env),
  );
}

/** Tables, views and sequences outside the system schemas: a fresh `createdb` has none. */
export async function userRelationCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Loads a pg_dump file into an EMPTY database, in one transaction (all or nothing). A database that already
 * has tables is refused: restoring over live data would mix two histories of the same ledger. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const format = await backupFormatOf(file);
  if (format !== "pg_dump")
    throw new BackupError(
      `${file} is not a pg_dump backup (${format === "pglite" ? "it is an embedded PGlite backup: restore it with DATABASE_URL unset" : "unknown format"})`,
    );
  const relations = await userRelationCount(url);
  if (relations > 0) {
    throw new BackupError(
      `the target database is not empty (${relations} tables, views or sequences); restore only into a new, empty database (createdb), never over live data`,
    );
  }
  const { dbname, env } = connectionFor(url);
  await run("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbname}`, file], env);
}
