import { cliDatabase } from "@/db/cli-database";
import { seedDemoData } from "./seed";

const handle = cliDatabase("db:seed");
await handle.migrate();
const summary = await seedDemoData(handle.db);
await handle.close();
console.log(`Demo data seeded (${handle.kind}): ${JSON.stringify(summary)}`);
