import { cliDatabase } from "./cli-database";

const handle = cliDatabase("db:migrate");
await handle.migrate();
await handle.close();
console.log(`Migrations applied (${handle.kind}).`);
