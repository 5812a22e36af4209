// One migrated SQLite template per test run; every test file copies it to a file of its own.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../../app/models/db.server";

export const TEST_ROOT = path.join(os.tmpdir(), `colloquy-tests-${process.pid}`);

export function createTemplate(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "template.db");
  fs.rmSync(file, { force: true });
  const sqlite = new Database(file);
  // The same function the app runs at start: drizzle's migrations, then db/migrations-extra (FTS5, triggers).
  migrateDatabase(drizzle(sqlite));
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  return file;
}

/** A fresh copy of the migrated template in its own folder (with an uploads folder beside it). */
export function freshDatabase(template: string, label = "db"): { dir: string; file: string; uploads: string } {
  const dir = fs.mkdtempSync(path.join(path.dirname(template), `${label.replace(/[^a-z0-9-]/gi, "_")}-`));
  const file = path.join(dir, "colloquy.db");
  fs.copyFileSync(template, file);
  const uploads = path.join(dir, "uploads");
  fs.mkdirSync(uploads);
  return { dir, file, uploads };
}
