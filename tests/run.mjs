// `npm test`: every test (unit, integration, browser journeys) in one vitest run, then a plain summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  const msg = `No Chromium at ${chromium}.`;
  if (process.env.CI === "true") {
    console.error(`${msg} CI requires the browser journeys: apt-get install -y chromium`);
    process.exit(1);
  }
  console.warn(`\n${"!".repeat(72)}\n${msg} Browser journeys will be SKIPPED.\nInstall it: apt-get install -y chromium\n${"!".repeat(72)}\n`);
}

// The behind-a-proxy tests (issue #24) need Debian's nginx (and openssl for their certificate), by the same rule.
const nginx = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
if (!fs.existsSync(nginx)) {
  const msg = `No nginx at ${nginx}.`;
  if (process.env.CI === "true") {
    console.error(`${msg} CI requires the behind-a-proxy tests: apt-get install -y nginx`);
    process.exit(1);
  }
  console.warn(`\n${"!".repeat(72)}\n${msg} Behind-a-proxy tests will be SKIPPED.\nInstall it: apt-get install -y nginx\n${"!".repeat(72)}\n`);
}

const results = "build/test-results.json";
fs.rmSync(results, { force: true });
const r = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", ...process.argv.slice(2)],
  { stdio: "inherit" },
);
try {
  const json = JSON.parse(fs.readFileSync(results, "utf8"));
  const skipped = json.numPendingTests + json.numTodoTests;
  console.log(`\ntests: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${skipped} skipped`);
} catch {
  // vitest printed its own error above.
}
process.exit(r.status ?? 1);
