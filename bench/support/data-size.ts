import { existsSync, readFileSync } from "node:fs";
import type { Db } from "@/db/client";
import { fillLargeData } from "@/testing/large-data";
import type { BenchResult } from "./report";

/** Which data the run measured: the freshly seeded few thousand rows, or the large data set filled before. */
export async function prepareData(db: Db, options: { large: boolean; scale: number }): Promise<BenchResult["data"]> {
  if (!options.large) return { size: "small", scale: null, fillSeconds: null, rows: null };
  console.log(`[bench] filling the large data set at scale ${options.scale}`);
  const started = Date.now();
  const rows = await fillLargeData(db, options.scale, (message) => console.log(`[fill] ${message}`));
  const fillSeconds = Math.round((Date.now() - started) / 1000);
  console.log(`[bench] filled in ${fillSeconds} s: ${JSON.stringify(rows)}`);
  return { size: "large", scale: options.scale, fillSeconds, rows };
}

/** The small-data result a large run is compared with, when one was written. */
export function readSmallResult(file: string): BenchResult | null {
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
  return result.data?.size === "large" ? null : result;
}
