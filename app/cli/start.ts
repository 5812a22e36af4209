// `npm start`: validate config, create + migrate the database, seed the demo institute when empty,
// build when the build is missing or stale, then serve.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// A local .env (git-ignored) fills in what the environment does not set.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.NODE_ENV ??= "production";

const { loadEnv } = await import("~/utils/env.server");
let config;
try {
  config = loadEnv();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

const { db, migrateDatabase, closeDatabase } = await import("~/models/db.server");
migrateDatabase(db());
const { isDatabaseEmpty, seedDemo, demoSignIns } = await import("../../db/seed");
if (isDatabaseEmpty(db())) {
  console.log("Empty database: seeding the demo institute…");
  await seedDemo(db());
}
const signIns = demoSignIns(db());
closeDatabase();

const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");
if (isBuildStale(buildDir)) {
  console.log("Building the app (first start or sources changed)…");
  const r = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { startServer } = await import("./serve");
const { close } = await startServer({
  port: config.PORT,
  host: config.HOST,
  appUrl: config.APP_URL,
  isProduction: config.isProduction,
  buildDir,
  workers: config.WORKERS === "on",
  trustProxy: config.TRUST_PROXY,
});

console.log(`\nColloquy is listening on ${config.APP_URL} (port ${config.PORT}, ${config.NODE_ENV})`);
if (signIns.length) {
  console.log("\nDemo sign-ins:");
  for (const s of signIns) console.log(`  ${s.label.padEnd(12)} ${s.email.padEnd(34)} ${s.password}`);
}
if (!config.SMTP_URL) {
  console.log(`\nNo SMTP_URL set: mail stays in the development outbox, readable by admins at ${config.APP_URL}/admin/mail`);
}

let stopping: Promise<void> | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping ??= close().then(() => process.exit(0));
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function isBuildStale(dir: string): boolean {
  const out = path.join(dir, "server/index.js");
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  return newestMtime(path.resolve("app")) > built || fs.statSync(path.resolve("db/schema.ts")).mtimeMs > built;
}
