import { customType } from "drizzle-orm/pg-core";

/** Postgres bytea as a Node Buffer (drizzle has no built-in bytea column): chat files, doctor photos. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
