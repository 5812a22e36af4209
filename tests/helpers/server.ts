// Starts the production build on a random loopback port with its own database and uploads folder.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema";
import { freshDatabase } from "./template-db";

export interface TestServer {
  url: string;
  origin: string;
  db: BetterSQLite3Database<typeof schema> & { $client: Database.Database };
  dbFile: string;
  uploadsDir: string;
  /** The server's process id (the cluster primary when it runs workers). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
  /** Sends SIGTERM and waits for the server to exit by itself; resolves with how it exited. */
  terminate: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** How the process ended (null while it runs): a graceful stop exits with code 0, a forced one by SIGKILL. */
  exit: () => { code: number | null; signal: NodeJS.Signals | null } | null;
}

export function buildDir(): string {
  const dir = process.env.BUILD_DIR;
  if (!dir || !fs.existsSync(path.join(dir, "server/index.js"))) {
    throw new Error("The production build is missing: the global setup builds it into BUILD_DIR.");
  }
  return dir;
}

export async function startTestServer(
  opts: { env?: Record<string, string>; label?: string; /** Start on this database and uploads folder (a restart) instead of a fresh copy. */ database?: { file: string; uploads: string } } = {},
): Promise<TestServer> {
  const template = process.env.COLLOQUY_TEMPLATE_DB!;
  const fresh = opts.database ?? freshDatabase(template, opts.label ?? "server");
  const child: ChildProcess = spawn(process.execPath, ["app/cli/serve-built.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      APP_URL: "http://127.0.0.1",
      DATABASE_PATH: fresh.file,
      UPLOADS_DIR: fresh.uploads,
      BUILD_DIR: buildDir(),
      WORKERS: "on",
      // One process unless a test asks for workers (issue 23: the server defaults to one worker per core).
      WEB_CONCURRENCY: "1",
      EXIT_WITH_PARENT: "1",
      ...opts.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 45_000);
    child.stdout!.on("data", () => {
      const m = /listening (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const sqlite = new Database(fresh.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as TestServer["db"];
  return {
    url,
    origin: new URL(url).origin,
    db,
    dbFile: fresh.file,
    uploadsDir: fresh.uploads,
    pid: child.pid!,
    output: () => out,
    terminate: () =>
      new Promise((resolve) => {
        child.once("exit", (code, signal) => {
          sqlite.close();
          resolve({ code, signal });
        });
        child.kill("SIGTERM");
      }),
    exit: () => (child.exitCode === null && child.signalCode === null ? null : { code: child.exitCode, signal: child.signalCode }),
    stop: async () => {
      if (sqlite.open) sqlite.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      });
    },
  };
}
