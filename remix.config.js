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
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
