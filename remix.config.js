// Classic Remix compiler. BUILD_DIR lets tests and parallel work build into their own folder
// without clobbering the default build that `npm start` serves.
const buildDir = process.env.BUILD_DIR || "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: "app",
  cacheDirectory: `${buildDir}/.cache`,
  // Browser assets are built outside public/ so that public/ only ever holds committed static files.
  assetsBuildDirectory: `${buildDir}/client/build`,
  publicPath: "/build/",
  serverBuildPath: `${buildDir}/server/index.js`,
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Route-only server helpers (name.server.ts) and tests never become routes.
  ignoredRouteFiles: ["**/.*", "**/*.server.ts", "**/*.test.ts", "**/*.css"],
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off on purpose (issue #9): with it, every page computes and inlines a partial route manifest (about 8 % of a
    // page's server CPU); without it the browser loads the whole manifest once as a fingerprinted, cached file.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
