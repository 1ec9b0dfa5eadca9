import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The project's own `next` CLI, run with this node so that signals reach the server process itself. */
export const nextBin = createRequire(path.join(projectRoot, "package.json")).resolve("next/dist/bin/next");
