// `npm run backup`: consistent copies while the site keeps serving (issue #24: nightly, rotated, checked).
//   npm run backup -- FILE          the database alone
//   npm run backup -- --dir DIR [--link-dest PREV]
//                                   the database (DIR/colloquy.db) and the uploaded files (DIR/uploads/); files
//                                   already in the earlier copy PREV are hard-linked from it, so they take no space
//   npm run backup -- --check FILE  PRAGMA integrity_check of an existing copy
// better-sqlite3's backup uses SQLite's online backup API, which copies pages in steps and restarts if a writer
// changes them. Every copy is opened afterwards and must pass PRAGMA integrity_check, or the command fails and
// removes it. Uploaded files are written once under random names and never changed in place, so a file already in
// the previous copy, or in UPLOADS_DIR on the same file system, is hard-linked instead of copied.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { loadEnv } from "~/utils/env.server";
import { closeDatabase, db } from "~/models/db.server";

const USAGE = `Usage: npm run backup -- FILE            (for example: npm run backup -- backups/colloquy-2026-11-27.db)
       npm run backup -- --dir DIR [--link-dest PREVIOUS-DIR]
                                         database and uploaded files into a new folder
       npm run backup -- --check FILE    check an existing copy`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** "ok", or SQLite's list of problems. */
function integrity(file: string): string {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("\n");
  } finally {
    copy.close();
  }
}

function linkOrCopy(sources: string[], dst: string) {
  for (const src of sources) {
    try {
      fs.linkSync(src, dst);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Another file system or mount (systemd's ReadWritePaths are separate mounts): try the next source.
      if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOENT") throw e;
    }
  }
  fs.copyFileSync(sources[sources.length - 1]!, dst);
}

/** Links (or copies) every stored file not yet in the copy; returns how many it added. */
function copyUploads(from: string, to: string, previous: string | null): number {
  if (!fs.existsSync(from)) return 0;
  let added = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    // Uploads still streaming in, and photos being re-encoded, are not part of any saved row yet.
    if (entry.name === ".tmp" || entry.name.endsWith(".tmp")) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    const prev = previous && path.join(previous, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true, mode: 0o700 });
      added += copyUploads(src, dst, prev);
    } else if (entry.isFile() && !fs.existsSync(dst)) {
      let size: number;
      try {
        size = fs.statSync(src).size;
      } catch {
        continue; // removed since the listing
      }
      const inPrevious = prev !== null && fs.statSync(prev, { throwIfNoEntry: false })?.size === size;
      try {
        linkOrCopy(inPrevious ? [prev, src] : [src], dst);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw e;
      }
      added++;
    }
  }
  return added;
}

async function backupDatabase(target: string) {
  const started = Date.now();
  // The copy holds everything the live database does (members' confidential details, password hashes), so only its
  // owner may read it (issue #21): created 0600 before SQLite writes it, chmod afterwards for odd umasks and mounts.
  fs.closeSync(fs.openSync(target, "wx", 0o600));
  await db().$client.backup(target);
  fs.chmodSync(target, 0o600);
  closeDatabase();
  const check = integrity(target);
  if (check !== "ok") {
    fs.rmSync(target, { force: true });
    fail(`The copy failed PRAGMA integrity_check and was removed:\n${check}`);
  }
  const size = fs.statSync(target).size;
  console.log(`Backup written to ${target} (${(size / 1024 / 1024).toFixed(1)} MB in ${Date.now() - started} ms; integrity_check ok)`);
}

const args = process.argv.slice(2);
if (args[0] === "--check") {
  const file = args[1] ?? fail(USAGE, 2);
  if (!fs.existsSync(file)) fail(`No file at ${file}`);
  const check = integrity(file);
  if (check !== "ok") fail(`${file} failed PRAGMA integrity_check:\n${check}`);
  console.log(`${file}: integrity_check ok`);
  process.exit(0);
}

const config = loadEnv();
if (!fs.existsSync(config.DATABASE_PATH)) fail(`No database at ${config.DATABASE_PATH}`);

if (args[0] === "--dir") {
  const dir = args[1] ?? fail(USAGE, 2);
  const previous = args[2] === "--link-dest" && args[3] && fs.existsSync(path.join(args[3], "uploads")) ? path.join(args[3], "uploads") : null;
  if (fs.existsSync(dir)) fail(`Refusing to write into the existing ${dir}; choose a new folder.`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const uploadsCopy = path.join(dir, "uploads");
  fs.mkdirSync(uploadsCopy, { mode: 0o700 });
  // Files first, then the database, then the files saved meanwhile: every file a row of the copy names is there.
  let files = copyUploads(path.resolve(config.UPLOADS_DIR), uploadsCopy, previous);
  await backupDatabase(path.join(dir, "colloquy.db"));
  files += copyUploads(path.resolve(config.UPLOADS_DIR), uploadsCopy, previous);
  console.log(`Uploaded files: ${files} in ${uploadsCopy}`);
} else {
  const target = args[0];
  if (!target || target.startsWith("-")) fail(USAGE, 2);
  if (fs.existsSync(target)) fail(`Refusing to overwrite ${target}; choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  await backupDatabase(target);
}
