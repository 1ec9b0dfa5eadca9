import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// ---------------------------------------------------------------------------------------------------------
// Import boundaries (README "How it is built"). `import/no-restricted-paths` resolves every import (the `@/`
// alias and relative paths alike) through the TypeScript resolver eslint-config-next sets up, so a boundary
// cannot be slipped past with `../..`.

const root = import.meta.dirname;

/** lib/ folders from the bottom of the stack up (lib/config.ts sits below them all). A folder imports only
 * folders of lower rows — never one of its own row or above — so no two lib/ folders can import each other. */
const LIB_LAYERS = [
  ["shared", "time", "security"],
  ["i18n"],
  ["invariants", "sms", "ledger"],
  ["auth", "intent", "directory", "patients"],
  ["audit", "notifications", "seo"],
  ["waitlist"],
  ["payments"],
  ["booking", "chat"],
  ["wallet"],
  ["checkout"],
  ["staff", "privacy", "reviews"],
  ["public-cache"],
  ["ops"],
  ["jobs"],
  ["demo"],
];

/** The folders that hold business rules; db/ (schema, migrations, the client) must not depend on them. */
const DOMAIN_FOLDERS = LIB_LAYERS.flat().filter((folder) => !["shared", "time", "security", "i18n"].includes(folder));

/** The only lib/ files that may import `next/*`: the adapters between Next's request (cookies, headers,
 * redirects) and the services, which never see a request. */
const NEXT_ADAPTERS = [
  "lib/auth/session.ts", // next/headers cookies(): the sealed sign-in cookie
  "lib/auth/current-user.ts", // next/navigation redirect()/forbidden(): a page's signed-out or wrong-role visitor
  "lib/auth/request-ip.ts", // next/headers headers(): the client's address for rate limits
  "lib/intent/intent-cookies.ts", // next/headers cookies(): a checkout's sealed intent cookie
  "lib/auth/validated-action.ts", // next/cache refresh(), next/navigation redirect()/unstable_rethrow(): the action edge
  "lib/auth/request-log.ts", // next/headers headers(): the request id on an action's or route's log lines
];

/** lib/'s two files outside a folder: config.ts at the bottom (lint: it imports nothing from lib/) and
 * server-start.ts at the top — the composition root of the server process, which checks the configuration,
 * prepares the database and starts the jobs and the drain; it may import any folder, and only instrumentation.ts
 * (outside lib/) imports it. */
const LIB_ROOT_FILES = ["lib/config.ts", "lib/server-start.ts"];

/** Imports that break a boundary, each allowed for exactly the importing file and the imported files listed.
 * Empty since the moves of issue 16 §2; an entry here is a debt with the move that would remove it. */
const TEMPORARY_EXCEPTIONS = [];

/** Tests and test kits set up whole worlds (a paid reservation needs the engine): the layering binds the
 * product code they test, not them. */
const TEST_FILES = /(\.test\.tsx?$|\/testing\/)/;

/** Every .ts/.tsx file under `folder`, relative to the project root. */
function filesUnder(folder) {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return []; // a layer named before its first file lands
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Zones forbidding `targets` (files) to import anything under `from` (folders or files), except what
 * TEMPORARY_EXCEPTIONS lets a given file import. */
function zones(targets, from, message) {
  const plain = targets.filter((file) => !TEMPORARY_EXCEPTIONS.some((e) => e.file === file));
  const result = plain.length > 0 ? [{ target: plain, from, message }] : [];
  for (const exception of TEMPORARY_EXCEPTIONS.filter((e) => targets.includes(e.file))) {
    for (const folder of from) {
      const except = exception.may.filter((file) => file.startsWith(`${folder}/`)).map((file) => `./${path.relative(folder, file)}`);
      result.push({ target: exception.file, from: folder, except, message });
    }
  }
  return result;
}

const productCode = (files) => files.filter((file) => !TEST_FILES.test(file));

const layerOf = (folder) => LIB_LAYERS.findIndex((row) => row.includes(folder));
const libFolders = LIB_LAYERS.flat();

const libZones = libFolders.flatMap((folder) => {
  const above = libFolders.filter((other) => other !== folder && layerOf(other) >= layerOf(folder));
  return zones(
    productCode(filesUnder(`lib/${folder}`)),
    above.map((other) => `lib/${other}`),
    `lib/${folder} sits below these folders (LIB_LAYERS in eslint.config.mjs): it must not import them.`,
  );
});

/** The route groups of app/ — (patient), (staff), (public)… — each with its pages, actions and helpers. A file of
 * one group or of the rest of app/ never imports another group's files: what two of them share lives in
 * app/actions/ (server actions), components/ (views) or lib/ (services). */
const routeGroups = readdirSync(path.join(root, "app"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\(.+\)$/.test(entry.name))
  .map((entry) => `app/${entry.name}`);

const routeGroupZones = routeGroups.map((group) => ({
  target: readdirSync(path.join(root, "app"))
    .map((name) => `app/${name}`)
    .filter((entry) => entry !== group),
  from: group,
  message: `${group} is a route group of its own: what another route uses lives in app/actions/, components/ or lib/.`,
}));

const boundaryZones = [
  ...libZones,
  ...routeGroupZones,
  ...zones(["lib/config.ts"], ["lib"], "lib/config.ts is the bottom of the stack: it imports nothing from lib/."),
  ...zones(
    [...productCode(filesUnder("lib")), ...filesUnder("components"), ...filesUnder("app"), ...filesUnder("db")].filter(
      (file) => file !== "lib/server-start.ts",
    ),
    ["lib/server-start.ts"],
    "lib/server-start.ts is the composition root of the server process: only instrumentation.ts starts it.",
  ),
  ...zones(
    productCode(filesUnder("lib")),
    ["app", "components"],
    "lib/ is the domain: it never imports routes (app/) or views (components/).",
  ),
  ...zones(
    filesUnder("components"),
    ["db", "app"],
    "components/ are views: they get data and server actions as props, never from @/db or @/app.",
  ),
  ...zones(
    productCode(filesUnder("db")),
    DOMAIN_FOLDERS.map((folder) => `lib/${folder}`),
    "db/ holds the schema and the client: it must not depend on a domain module of lib/.",
  ),
];

// Every lib/ folder has its row: a new folder left out would be bound by nothing.
for (const entry of readdirSync(path.join(root, "lib"), { withFileTypes: true })) {
  if (entry.isDirectory() && entry.name !== "testing" && !libFolders.includes(entry.name)) {
    throw new Error(`eslint.config.mjs: lib/${entry.name} has no row in LIB_LAYERS`);
  }
}

// A lib/ file outside a folder is bound only if it is one of the two named.
for (const entry of readdirSync(path.join(root, "lib"), { withFileTypes: true })) {
  const file = `lib/${entry.name}`;
  if (entry.isFile() && /\.tsx?$/.test(entry.name) && !TEST_FILES.test(file) && !LIB_ROOT_FILES.includes(file)) {
    throw new Error(`eslint.config.mjs: ${file} sits in no lib/ folder (LIB_LAYERS) and is not one of LIB_ROOT_FILES`);
  }
}

// A stale exception (a file moved or renamed) must be removed, not left to allow something else later.
for (const file of TEMPORARY_EXCEPTIONS.flatMap((exception) => [exception.file, ...exception.may])) {
  if (!existsSync(path.join(root, file))) throw new Error(`eslint.config.mjs: TEMPORARY_EXCEPTIONS names ${file}, which does not exist`);
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    name: "dr-turn/boundaries",
    files: ["**/*.{ts,tsx}"],
    // Cycles are ours to find: never parse installed packages (PGlite's bundle overflows the parser's stack).
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-restricted-paths": ["error", { basePath: root, zones: boundaryZones }],
      // A cycle between modules is a cycle between the folders that hold them, or a tangle inside one.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    name: "dr-turn/no-next-in-lib",
    files: ["lib/**/*.{ts,tsx}"],
    ignores: NEXT_ADAPTERS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*"],
              message: `Services in lib/ never see a request: only the adapters (${NEXT_ADAPTERS.join(", ")}) import next/*.`,
            },
          ],
        },
      ],
    },
  },
  {
    // Server code logs through lib/shared/log.ts: JSON lines with masking (docs/operations.md). Command-line
    // tools print to a person at a terminal, tests and views (the browser's console) are not server logs.
    name: "dr-turn/one-logger",
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "db/**/*.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*-cli.ts", "**/*.test.ts", "**/testing/**"],
    rules: { "no-console": ["error"] },
  },
  globalIgnores([".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
