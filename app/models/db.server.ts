import Database from "better-sqlite3";
import { sql, type Column, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "../../db/schema";
import { utcToWallTime } from "~/utils/zoned-time";
import { env } from "~/utils/env.server";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens a SQLite file with the settings every connection must have. */
function localMonth(ms: number, tz: string): string {
  try {
    return utcToWallTime(new Date(ms), tz).slice(0, 7);
  } catch {
    return new Date(ms).toISOString().slice(0, 7);
  }
}

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
  // Reads go through the OS page cache without a copy or a system call per page: at 100,000 members and a million
  // documents, directory and search pages touch thousands of pages per request (issue #9). SQLite caps the size.
  sqlite.pragma("mmap_size = 2147418112");
  // A seminar belongs to the month it starts in on its own wall clock, not in UTC: "1 March, 00:30 in Berlin" is in
  // March (catalogue month filter, issue #16). Deterministic, so SQLite may cache it within a statement.
  sqlite.function("local_month", { deterministic: true }, (ms: unknown, tz: unknown) =>
    typeof ms === "number" && typeof tz === "string" ? localMonth(ms, tz) : null,
  );
  const statements = new StatementCache(sqlite);
  // drizzle runs every query through `client.prepare` and `client.transaction`: it gets the cache as its client,
  // while `$client` stays the real connection for everything else (backup, pragmas, close).
  const d = drizzle(statements as unknown as Database.Database, { schema }) as DB;
  d.$client = sqlite;
  statementCaches.set(sqlite, statements);
  return d;
}

const statementCaches = new WeakMap<Database.Database, StatementCache>();

/**
 * drizzle prepares a new SQLite statement for every query it runs; parsing and planning the same SQL again on every
 * request cost more than running it (issue #9). The cache keeps the most recent statements of one connection by their
 * text and hands them out again, reset to their default result mode (drizzle and others switch raw/pluck per use).
 * It belongs to its connection and is emptied before the connection closes (issue 12), so no statement outlives it.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly max = 500,
  ) {}

  prepare(source: string): Database.Statement {
    let stmt = this.statements.get(source);
    if (stmt && !stmt.busy) {
      this.statements.delete(source);
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
    } else {
      stmt = this.sqlite.prepare(source);
      if (this.statements.size >= this.max) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(source, stmt);
    return stmt;
  }

  transaction<F extends (...args: never[]) => unknown>(fn: F): Database.Transaction<F> {
    return this.sqlite.transaction(fn);
  }

  get size(): number {
    return this.statements.size;
  }

  clear(): void {
    this.statements.clear();
  }
}

/** Empties a connection's statement caches (ours and the prepared queries below), then closes it. */
export function closeConnection(d: DB): void {
  preparedByConnection.delete(d);
  statementCaches.get(d.$client)?.clear();
  statementCaches.delete(d.$client);
  if (d.$client.open) d.$client.close();
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
 * name order after drizzle's migrations. Every statement there is idempotent (IF NOT EXISTS, DROP + CREATE TRIGGER), so
 * a file whose text changed can simply run again.
 */
export function applyExtraMigrations(sqlite: Database.Database) {
  const dir = path.join(path.dirname(migrationsFolder()), "migrations-extra");
  if (!fs.existsSync(dir)) return;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  // A file runs again only when its text changed: its backfills scan whole tables, which at 100,000 members cost
  // most of a second on every start (issue #9). The triggers it made keep everything right in between.
  sqlite.exec("CREATE TABLE IF NOT EXISTS extra_migrations (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL)");
  const applied = sqlite.prepare("SELECT sha256 FROM extra_migrations WHERE name = ?");
  const record = sqlite.prepare("INSERT OR REPLACE INTO extra_migrations (name, sha256) VALUES (?, ?)");
  sqlite.transaction(() => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      const sha256 = createHash("sha256").update(text).digest("hex");
      if ((applied.get(f) as { sha256: string } | undefined)?.sha256 === sha256) continue;
      sqlite.exec(text);
      record.run(f, sha256);
    }
  })();
}

let current: DB | null = null;

/** The process-wide connection. SQLite serialises writers; one connection per process is the fast path. */
export function db(): DB {
  if (!current) current = openDatabase(env().DATABASE_PATH);
  return current;
}

const preparedByConnection = new WeakMap<DB, Map<string, unknown>>();

/**
 * A statement prepared once per connection and reused: building a drizzle query and preparing its SQL costs far more
 * than running it on hot paths (issue #9). `key` names the call site; `build` receives the connection.
 */
export function prepared<T>(key: string, build: (d: DB) => T): T {
  const d = db();
  let byKey = preparedByConnection.get(d);
  if (!byKey) {
    byKey = new Map();
    preparedByConnection.set(d, byKey);
  }
  let p = byKey.get(key) as T | undefined;
  if (p === undefined) {
    p = build(d);
    byKey.set(key, p);
  }
  return p;
}

/**
 * SQL: `column` is one of the ids given, as a JSON array, to the placeholder `ids` of a prepared statement, so one
 * statement serves any number of ids (drizzle's inArray would need a new statement per list length).
 */
export function inIdList(column: Column): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder("ids")}))`;
}

const closeHooks: ((d: DB) => void)[] = [];

/** Work that must reach the database before the process-wide connection closes (buffered visit counts, issue #19). */
export function beforeDatabaseCloses(hook: (d: DB) => void): void {
  if (!closeHooks.includes(hook)) closeHooks.push(hook);
}

/** Closes the process-wide connection (at shutdown, in tests' teardown); the next db() opens a new one. */
export function closeDatabase() {
  if (current) {
    for (const hook of closeHooks) {
      try {
        hook(current);
      } catch (error) {
        console.warn("[db] a closing step failed:", error);
      }
    }
    closeConnection(current);
  }
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
