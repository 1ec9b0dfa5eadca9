import { cliDatabase } from "@/db/cli-database";
import { findViolations, INVARIANT_NAMES } from "@/lib/invariants/invariant-checks";

/** `npm run check:integrity`: reads the database in DATABASE_URL (CI runs it after the journeys) and fails when
 * any invariant of lib/invariants is broken: a reservation or chat request without a verified payment or
 * wallet debit (ghost records), a paid attempt without its record, a wallet that disagrees with its ledger,
 * or money paid back twice. The same checks run after every integration test. */
const SAMPLE = 20;
const handle = cliDatabase("check:integrity");
try {
  const violations = await findViolations(handle.db);
  for (const invariant of INVARIANT_NAMES) {
    const broken = violations.filter((v) => v.invariant === invariant);
    console.log(`${invariant}: ${broken.length === 0 ? "ok" : `${broken.length} violation(s)`}`);
    for (const violation of broken.slice(0, SAMPLE)) console.log(`  ${violation.message}`);
  }
  process.exitCode = violations.length === 0 ? 0 : 1;
} finally {
  await handle.close();
}
