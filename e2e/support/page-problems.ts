import type { BrowserContext, Page } from "@playwright/test";

/** Everything a browser complains about while a journey runs: Content-Security-Policy violations (the page's
 * own `securitypolicyviolation` events, from every frame), console errors and uncaught exceptions. A journey
 * that works unchanged under the app's policy leaves the list empty. */
export type PageProblems = { list: string[] };

export async function watchPageProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { list: [] };
  await context.exposeBinding("__reportCspViolation", ({ frame }, text: string) => {
    problems.list.push(`CSP violation on ${frame.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  const watch = (page: Page) => {
    page.on("console", (message) => {
      // For a failed load, location() names the resource that failed.
      if (message.type() === "error") problems.list.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => problems.list.push(`uncaught on ${page.url()}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  return problems;
}
