/** Named pass/fail checks with a closing "N passed, M failed" line, for scripted tests that drive whole
 * servers (a test runner's per-test isolation does not fit killing and restarting them). */
export type Checks = {
  check(name: string, ok: boolean, detail?: string): boolean;
  /** Runs a scenario; an exception fails it as one check instead of ending the run. */
  scenario(name: string, run: () => Promise<void>): Promise<void>;
  summary(): { passed: number; failed: number };
};

export function checkList(): Checks {
  let passed = 0;
  let failed = 0;
  const checks: Checks = {
    check(name, ok, detail) {
      if (ok) passed++;
      else failed++;
      console.log(`  ${ok ? "✓" : "✗"} ${name}${detail ? ` — ${detail}` : ""}`);
      return ok;
    },
    async scenario(name, run) {
      console.log(`\n${name}`);
      try {
        await run();
      } catch (error) {
        checks.check(`${name} ran to the end`, false, error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
    },
    summary: () => ({ passed, failed }),
  };
  return checks;
}
