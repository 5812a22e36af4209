import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(__dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/helpers/global-setup.ts", "tests/helpers/build-setup.ts"],
    setupFiles: ["tests/helpers/console-guard.ts", "tests/helpers/per-file-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for something a user would wait for (a redirect after hashing a password, a mail); its 1 s
    // default is shorter than a loaded 2-core machine needs. It still returns as soon as the check passes.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    globals: true,
  },
});
