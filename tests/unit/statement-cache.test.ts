// Issue #13: the connection's statement cache is an object the connection owns (no patched driver): drizzle's
// queries reuse one prepared statement per SQL text, the cache is bounded, and closing empties it and the connection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { StatementCache, closeConnection, openDatabase } from "~/models/db.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-stmt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("statement cache", () => {
  it("hands the same prepared statement back for the same SQL, in its default result mode", () => {
    const sqlite = new Database(":memory:");
    const cache = new StatementCache(sqlite);
    const a = cache.prepare("select 1 as one");
    expect(a.raw(true).get()).toEqual([1]);
    const b = cache.prepare("select 1 as one");
    expect(b).toBe(a);
    expect(b.get()).toEqual({ one: 1 });
    expect(cache.size).toBe(1);
    sqlite.close();
  });

  it("keeps at most its limit, dropping the least recently used", () => {
    const sqlite = new Database(":memory:");
    const cache = new StatementCache(sqlite, 2);
    const one = cache.prepare("select 1");
    cache.prepare("select 2");
    cache.prepare("select 1"); // used again: now the most recent
    cache.prepare("select 3"); // drops "select 2"
    expect(cache.size).toBe(2);
    expect(cache.prepare("select 1")).toBe(one);
    sqlite.close();
  });

  it("serves drizzle's queries on a real connection, and closing empties the cache and closes the file", () => {
    const d = openDatabase(path.join(dir, "cache.db"));
    const spy: string[] = [];
    const realPrepare = d.$client.prepare.bind(d.$client);
    // Count what reaches SQLite's prepare on the connection (the cache is drizzle's client, not a patch of it).
    (d.$client as { prepare: (s: string) => unknown }).prepare = (s: string) => {
      spy.push(s);
      return realPrepare(s);
    };
    for (let i = 0; i < 5; i++) expect(d.get<{ n: number }>(sql`select ${i} as n`)).toEqual({ n: i });
    expect(spy.filter((s) => s.startsWith("select ? as n"))).toHaveLength(1);
    closeConnection(d);
    expect(d.$client.open).toBe(false);
    // A second close is harmless.
    closeConnection(d);
  });
});
