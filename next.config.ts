import type { NextConfig } from "next";
import { ATTACHMENT_BODY_LIMIT } from "./lib/chat/chat-file-input-limits";

const nextConfig: NextConfig = {
  // The production image (Dockerfile) runs .next/standalone/server.js: the server with only the node_modules
  // files it uses. `next start` (npm start, the e2e journeys, the bench) still serves the same build.
  output: "standalone",
  // Read at run time from process.cwd() by the migrator (db/client.ts), which the file tracing cannot see.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  // graphile-worker and the PGlite socket server are Node libraries with their own runtime files.
  // pdfkit reads its own font metrics and fontkit's data files from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "postgres", "graphile-worker", "pg", "pdfkit"],
  poweredByHeader: false,
  // Title, description, canonical and Open Graph tags go in <head> for every user agent, not streamed into the
  // body for browsers: link previews of chat apps and crawlers Next does not know read only the head.
  htmlLimitedBots: /.*/,
  // forbidden(): a signed-in user on a page their role may not see gets app/forbidden.tsx with HTTP 403.
  experimental: {
    authInterrupts: true,
    // With a proxy (proxy.ts) in front, Next keeps only the first 10 MiB of a request's body and silently
    // drops the rest: a chat file of the allowed 10 MB, in its multipart form, arrived cut and was refused as
    // "no file". One byte over the upload route's own cap, so that a body Next cuts is still one the route
    // refuses as too big, in Persian.
    proxyClientMaxBodySize: ATTACHMENT_BODY_LIMIT + 1,
  },
};

export default nextConfig;
