// The runner behind `npm test` tells the truth: broken files, unhandled rejections and unexpected console.error turn
// the closing line red, and the line always agrees with the exit code (issue 12). Each case runs tests/run.mjs on a
// few deliberately broken test files in a folder of their own.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
// Inside the project, so the files there resolve vitest from node_modules.
const dir = fs.mkdtempSync(path.join(root, "build", "runner-check-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  "good.test.ts": `import { expect, it } from "vitest";\nit("adds", () => expect(1 + 1).toBe(2));\n`,
  "fails-to-load.test.ts": `import { it } from "vitest";\nimport "./no-such-module";\nit("never runs", () => {});\n`,
  "throws-at-import.test.ts": `import { it } from "vitest";\nthrow new Error("broken at import");\nit("never runs", () => {});\n`,
  "unhandled.test.ts": `import { it } from "vitest";\nit("passes but leaves a rejection behind", async () => {\n  void Promise.reject(new Error("nobody handles this"));\n  await new Promise((r) => setTimeout(r, 50));\n});\n`,
  "logs-error.test.ts": `import { it } from "vitest";\nit("logs an error nobody expected", () => {\n  console.error("something went wrong");\n});\n`,
  "expects-error.test.ts": `import { it } from "vitest";\nimport { expectConsoleError } from "${path.join(root, "tests/helpers/console-guard.ts")}";\nit("logs an error it said it expects", () => {\n  expectConsoleError(/expected failure/);\n  console.error("an expected failure");\n});\n`,
};
for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);

async function run(files: string[]) {
  const config = path.join(dir, `vitest.${files.map((f) => f.replace(/\.test\.ts$/, "")).join("+")}.config.mjs`);
  fs.writeFileSync(
    config,
    `export default ${JSON.stringify({
      root,
      test: {
        include: files.map((f) => path.relative(root, path.join(dir, f))),
        setupFiles: [path.join(root, "tests/helpers/console-guard.ts")],
        pool: "forks",
      },
    })};\n`,
  );
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VITEST")) env[k] = v;
  // Asynchronous: a synchronous child would block this worker's own reporting to vitest.
  const child = spawn(process.execPath, ["tests/run.mjs"], {
    cwd: root,
    env: { ...env, TEST_CONFIG: config, NODE_ENV: "test", FORCE_COLOR: "0" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const r = { status, stdout };
  const out = `${stdout}${stderr}`;
  const summary = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(r.stdout);
  expect(summary, out).not.toBeNull();
  return { status: r.status, passed: Number(summary![1]), failed: Number(summary![2]), out };
}

describe("npm test's runner", () => {
  it("reports a green run as green", async () => {
    const r = await run(["good.test.ts"]);
    expect(r).toMatchObject({ status: 0, passed: 1, failed: 0 });
  }, 180_000);

  it("counts files that fail to load and a test that logs an unexpected console.error as failed", async () => {
    const r = await run(["good.test.ts", "fails-to-load.test.ts", "throws-at-import.test.ts", "logs-error.test.ts", "expects-error.test.ts"]);
    expect(r.status).not.toBe(0);
    // good and expects-error pass; the two broken files and the unexpected log fail.
    expect(r).toMatchObject({ passed: 2, failed: 3 });
    expect(r.out).toContain("FAILED: build/");
    expect(r.out).toContain("Unexpected console.error during this test");
    expect(r.out).toContain("something went wrong");
  }, 180_000);

  it("turns red on an unhandled rejection although every test passed", async () => {
    const r = await run(["good.test.ts", "unhandled.test.ts"]);
    expect(r.status).not.toBe(0);
    expect(r.passed).toBe(2);
    expect(r.failed).toBeGreaterThan(0);
    expect(r.out).toContain("nobody handles this");
  }, 180_000);
});
