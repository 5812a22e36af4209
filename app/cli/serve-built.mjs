// `node app/cli/serve-built.mjs`: serves the compiled build in BUILD_DIR (default build/) with plain Node, no
// TypeScript loader. The server code itself is part of the build (see serve-only.ts). Build first: `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const file = path.resolve(process.env.BUILD_DIR || "build", "server/index.js");
if (!fs.existsSync(file)) {
  console.error(`No server build at ${file}. Run \`npm run build\` first (or \`npm start\`, which builds when needed).`);
  process.exit(1);
}
const build = await import(pathToFileURL(file).href);
await build.entry.module.serveOnly(build);
