import { spawn } from "node:child_process";
import { deploymentEnv, type DeploymentSecrets, type ServerOptions } from "./app-server";
import { projectRoot } from "./paths";

/** `npm run cleanup -- --hours=0`, the operator's reconcile command, against this deployment (on the embedded
 * database it reaches the running server's PGlite over the socket that server serves it on). */
export async function runCleanupCommand(input: {
  appUrl: string;
  databaseUrl: ServerOptions["databaseUrl"];
  secrets: DeploymentSecrets;
  env?: Record<string, string>;
}) {
  const child = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "cleanup", "--", "--hours=0"], {
    cwd: projectRoot,
    env: deploymentEnv(input),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const figure = (label: string) => Number(new RegExp(`^${label}: (\\d+)$`, "m").exec(output)?.[1] ?? NaN);
  return {
    code,
    output,
    checked: figure("checked"),
    fulfilled: figure("fulfilled"),
    refunded: figure("refunded to wallet"),
    abandoned: figure("abandoned"),
    errors: figure("errors"),
  };
}
