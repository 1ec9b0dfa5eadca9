import type { BrowserContext, Page } from "@playwright/test";

declare global {
  interface Window {
    __layoutShift?: number;
  }
}

/** Sums, from the first paint on, every layout shift that no input caused (the CLS of the page's lifetime):
 * what moves while a page and its data arrive. Call before opening the page. */
export function observeLayoutShift(context: BrowserContext): Promise<void> {
  return context.addInitScript(() => {
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) window.__layoutShift = (window.__layoutShift ?? 0) + entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => window.__layoutShift ?? 0);
}
