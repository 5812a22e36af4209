import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "~/models/db.server";
import { createUser } from "../../db/factories";
import { users } from "../../db/schema";
import { startTestServer } from "../helpers/server";

describe("the data store", () => {
  it("opens SQLite in WAL mode with foreign keys, a busy timeout and synchronous=FULL", () => {
    const c = db().$client;
    expect(c.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(c.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(c.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(c.pragma("synchronous", { simple: true })).toBe(2);
  });

  it("write transactions roll back completely on error", async () => {
    const before = db().select().from(users).all().length;
    expect(() =>
      writeTransaction((tx) => {
        tx.insert(users).values({ email: "half@example.com", name: "Half" }).run();
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db().select().from(users).all().length).toBe(before);
  });

  it("npm run backup writes a consistent copy while the site is serving", async () => {
    const server = await startTestServer({ label: "backup" });
    try {
      await createUser(server.db, { email: "kept@example.com", name: "Kept Member" });
      const target = path.join(path.dirname(server.dbFile), "backup.db");
      const out = execFileSync(process.execPath, ["--import", "tsx", "app/cli/backup.ts", target], {
        env: { ...process.env, DATABASE_PATH: server.dbFile },
        encoding: "utf8",
      });
      expect(out).toContain("Backup written to");
      // Only its owner may read it, whatever the umask (issue #21).
      expect(fs.statSync(target).mode & 0o777).toBe(0o600);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      const copy = new Database(target, { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.prepare("select name from users where email = ?").get("kept@example.com")).toEqual({
        name: "Kept Member",
      });
      copy.close();
      // Refuses to overwrite an existing file.
      expect(() =>
        execFileSync(process.execPath, ["--import", "tsx", "app/cli/backup.ts", target], {
          env: { ...process.env, DATABASE_PATH: server.dbFile },
          stdio: "pipe",
        }),
      ).toThrow();
      expect(fs.existsSync(target)).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
