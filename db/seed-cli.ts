import { database } from "./client";
import { seedDemoData } from "./seed";

const handle = database();
await handle.migrate();
const summary = await seedDemoData(handle.db);
await handle.close();
console.log(`Demo data seeded (${handle.kind}): ${JSON.stringify(summary)}`);
