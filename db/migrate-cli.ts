import { database } from "./client";

const handle = database();
await handle.migrate();
await handle.close();
console.log(`Migrations applied (${handle.kind}).`);
