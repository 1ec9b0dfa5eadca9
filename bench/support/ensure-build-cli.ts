import { ensureBuild, holdBuildLock } from "./build";

/** `next build` if the production build is missing or older than a source, under the shared build lock: what
 * the e2e server (e2e/support/start-server.mjs) runs before `next start`, so that a journey never tests a
 * build older than the code in front of it. */
const lock = await holdBuildLock();
try {
  ensureBuild();
} finally {
  await lock.release();
}
