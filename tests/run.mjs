// `npm test`: every test (unit, integration, browser journeys) in one vitest run, then one closing line
// "tests: N passed, N failed, N skipped" that always agrees with the exit code: a file that fails to load, an
// unhandled error or rejection, or a console.error nobody expected counts as a failure (issue 12).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// TEST_CONFIG is for the runner's own test (tests/integration/test-runner.test.ts), which runs broken files on purpose.
const config = process.env.TEST_CONFIG ?? "tests/vitest.config.ts";
if (!process.env.TEST_CONFIG) {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    const msg = `No Chromium at ${chromium}.`;
    if (process.env.CI === "true") {
      console.error(`${msg} CI requires the browser journeys: apt-get install -y chromium`);
      console.log("\ntests: 0 passed, 1 failed, 0 skipped");
      process.exit(1);
    }
    console.warn(`\n${"!".repeat(72)}\n${msg} Browser journeys will be SKIPPED.\nInstall it: apt-get install -y chromium\n${"!".repeat(72)}\n`);
  }
}

// The behind-a-proxy tests (issue #24) need Debian's nginx (and openssl for their certificate), by the same rule.
const nginx = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
if (!process.env.TEST_CONFIG && !fs.existsSync(nginx)) {
  const msg = `No nginx at ${nginx}.`;
  if (process.env.CI === "true") {
    console.error(`${msg} CI requires the behind-a-proxy tests: apt-get install -y nginx`);
    console.log("\ntests: 0 passed, 1 failed, 0 skipped");
    process.exit(1);
  }
  console.warn(`\n${"!".repeat(72)}\n${msg} Behind-a-proxy tests will be SKIPPED.\nInstall it: apt-get install -y nginx\n${"!".repeat(72)}\n`);
}

// One results file per run: two runs side by side never read each other's counts.
fs.mkdirSync("build", { recursive: true });
const results = path.resolve(`build/test-results-${process.pid}.json`);
fs.rmSync(results, { force: true });
const r = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--config",
    config,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${results}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
const status = r.status ?? 1;

let passed = 0;
let failed = 0;
let skipped = 0;
const reasons = [];
try {
  const json = JSON.parse(fs.readFileSync(results, "utf8"));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that failed to load (or whose hooks failed) has no failed test of its own: count it as one.
  for (const file of json.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed").length;
    if (file.status === "failed" && failedTests === 0) {
      failed += 1;
      reasons.push(`${path.relative(process.cwd(), file.name)}: ${String(file.message || "failed outside its tests").split("\n")[0]}`);
    }
  }
} catch {
  failed = 1;
  reasons.push("vitest wrote no results (it stopped before running the tests; see above)");
}
fs.rmSync(results, { force: true });
// Unhandled errors and rejections make vitest exit non-zero without failing any one test.
if (status !== 0 && failed === 0) {
  failed = 1;
  reasons.push(`vitest exited with status ${status} (an unhandled error or rejection, or a run-level failure; see above)`);
}
if (status === 0 && failed > 0) {
  reasons.push("vitest exited 0 although tests failed");
}
for (const reason of reasons) console.log(`FAILED: ${reason}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? Math.max(status, 1) : status);
