import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // Title, description, canonical and Open Graph tags go in <head> for every user agent, not streamed into the
  // body for browsers: link previews of chat apps and crawlers Next does not know read only the head.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
