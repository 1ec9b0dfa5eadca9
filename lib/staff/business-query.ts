import { z } from "zod";
import { addDays, tehranDateKey } from "@/lib/time/tehran";
import { BUSINESS_MAX_DAYS } from "./business";

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The business view's URL (page and CSV export alike): a Tehran-day range (last 30 days by default, at most a
 * year), day or week grouping, optionally one clinic. Anything malformed falls back to the default. */
export function parseBusinessQuery(params: Record<string, string | string[] | undefined>, now = new Date()) {
  const today = tehranDateKey(now);
  const q = z
    .object({
      from: dateKey.optional().catch(undefined),
      to: dateKey.optional().catch(undefined),
      group: z.enum(["day", "week"]).catch("day"),
      clinic: z.uuid().optional().catch(undefined),
    })
    .parse(params);
  let to = q.to ?? today;
  let from = q.from ?? addDays(to, -29);
  if (from > to) [from, to] = [to, from];
  if (addDays(from, BUSINESS_MAX_DAYS - 1) < to) from = addDays(to, -(BUSINESS_MAX_DAYS - 1));
  return { from, to, groupBy: q.group, clinicId: q.clinic };
}

export function businessSearch(query: ReturnType<typeof parseBusinessQuery>): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, group: query.groupBy });
  if (query.clinicId) params.set("clinic", query.clinicId);
  return params.toString();
}
