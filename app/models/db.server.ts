import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "../../db/schema";
import { env } from "~/utils/env.server";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens a SQLite file with the settings every connection must have. */
export function openDatabase(file: string): DB {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // An acknowledged write must survive a power cut, not only a process crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("cache_size = -32000");
  return drizzle(sqlite, { schema }) as DB;
}

export function migrationsFolder(): string {
  // Works from the source tree (tsx, vitest) and from the server bundle in build/server/.
  const candidates = [
    path.resolve(process.cwd(), "db/migrations"),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations"),
  ];
  const found = candidates.find((c) => fs.existsSync(path.join(c, "meta/_journal.json")));
  if (!found) throw new Error(`Cannot find db/migrations (looked in ${candidates.join(", ")})`);
  return found;
}

export function migrateDatabase(db: Pick<DB, "$client">) {
  migrate(db as DB, { migrationsFolder: migrationsFolder() });
  applyExtraMigrations(db.$client);
}

/**
 * SQL drizzle-kit cannot express (FTS5 virtual tables, triggers) lives in db/migrations-extra/*.sql, applied in
 * name order after drizzle's migrations. Every statement there is idempotent (IF NOT EXISTS), so this runs on each start.
 */
export function applyExtraMigrations(sqlite: Database.Database) {
  const dir = path.join(path.dirname(migrationsFolder()), "migrations-extra");
  if (!fs.existsSync(dir)) return;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  sqlite.transaction(() => {
    for (const f of files) sqlite.exec(fs.readFileSync(path.join(dir, f), "utf8"));
  })();
}

let current: DB | null = null;

/** The process-wide connection. SQLite serialises writers; one connection per process is the fast path. */
export function db(): DB {
  if (!current) current = openDatabase(env().DATABASE_PATH);
  return current;
}

export function closeDatabase() {
  current?.$client.close();
  current = null;
}

/**
 * Runs fn in a write transaction that takes the write lock up front (BEGIN IMMEDIATE), so two writers
 * never deadlock upgrading from a read lock; SQLITE_BUSY then waits on busy_timeout instead.
 */
export function writeTransaction<T>(fn: (tx: DB) => T): T {
  const d = db();
  return d.$client.transaction(() => fn(d)).immediate();
}
