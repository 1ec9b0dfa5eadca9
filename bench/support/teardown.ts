/** What a run set up (servers, databases, the build lock), undone in reverse order at the end — also when the
 * run fails or is interrupted with Ctrl-C. */
const tasks: { what: string; undo: () => Promise<void> }[] = [];

export function onTeardown(what: string, undo: () => Promise<void>): void {
  tasks.push({ what, undo });
}

export async function teardown(): Promise<void> {
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    try {
      await task.undo();
    } catch (error) {
      console.error(`[teardown] ${task.what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n[teardown] ${signal}: cleaning up`);
    void teardown().finally(() => process.exit(130));
  });
}
