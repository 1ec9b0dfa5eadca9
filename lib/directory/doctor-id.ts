import { z } from "zod";

/** Doctor ids are uuids; anything else can name no doctor (and would make Postgres reject the query). Its own
 * file, without database imports, so that proxy.ts (page-cache.ts) can tell a doctor's page by it too. */
export const doctorIdSchema = z.uuid();
