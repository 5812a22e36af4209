// `npm run backup -- FILE`: a consistent copy while the site keeps serving. better-sqlite3's backup uses
// SQLite's online backup API, which copies pages in steps and restarts if a writer changes them.
import fs from "node:fs";
import path from "node:path";
import { loadEnv } from "~/utils/env.server";
import { closeDatabase, db } from "~/models/db.server";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- FILE   (for example: npm run backup -- backups/colloquy-2026-11-27.db)");
  process.exit(2);
}
const config = loadEnv();
if (!fs.existsSync(config.DATABASE_PATH)) {
  console.error(`No database at ${config.DATABASE_PATH}`);
  process.exit(1);
}
if (fs.existsSync(target)) {
  console.error(`Refusing to overwrite ${target}; choose a new file name.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const started = Date.now();
// The copy holds everything the live database does (members' confidential details, password hashes), so only its
// owner may read it (issue #21). Creating the file 0600 first means it is never readable by others, not even while
// SQLite writes it; chmod afterwards covers a umask or a file system that ignored the mode.
fs.closeSync(fs.openSync(target, "wx", 0o600));
await db().$client.backup(target);
fs.chmodSync(target, 0o600);
closeDatabase();
const size = fs.statSync(target).size;
console.log(`Backup written to ${target} (${(size / 1024 / 1024).toFixed(1)} MB in ${Date.now() - started} ms)`);
