// Builds the production app once per test run into a folder of its own, so a developer's build/ is untouched.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export default function setup() {
  // Inside the project so the server bundle resolves node_modules; removed when the run ends.
  const dir = path.resolve(`build/test-run-${process.pid}`);
  const r = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    env: { ...process.env, NODE_ENV: "production", BUILD_DIR: dir },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`remix build failed:\n${r.stdout}\n${r.stderr}`);
  process.env.BUILD_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
