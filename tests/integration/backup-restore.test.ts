// Issue #24: the shipped backup script end to end. While the site serves and a writer keeps writing, the nightly
// script (content/deploy/colloquy-backup.sh, as the systemd timer runs it) copies the database and the uploaded
// files, checks the copy, keeps 7 daily and 4 weekly copies; then the restore script puts one copy into a fresh
// folder, a server starts on it, and the member, their material and its file are all there.
import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { materialVersions, materials } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const run = promisify(execFile);
const PASSWORD = "a drill password long enough";
const HANDOUT = Buffer.from("Restore drill handout.\nEvery backup is a hope until it has been restored.\n".repeat(200));

let server: TestServer;
let root: string;
beforeAll(async () => {
  server = await startTestServer({ label: "backup-drill" });
  root = fs.mkdtempSync(path.join(path.dirname(server.dbFile), "drill-"));
});
afterAll(() => server?.stop());

function listCopies(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.startsWith("colloquy-")).sort();
}

describe("nightly backup, rotation and the restore drill", () => {
  it("backs up under write load, rotates, restores into a fresh folder and serves the data", async () => {
    const instructor = await createUser(server.db, { email: "rhea@example.com", name: "Rhea Restore", password: PASSWORD });
    const seminar = createSeminar(server.db, { slug: "restore-drill", title: "Restore Drill Seminar" });
    addMember(server.db, { seminarId: seminar.id, userId: instructor.id, role: "instructor" });
    const client = new Client(server.url);
    await client.signIn("rhea@example.com", PASSWORD);
    const form = new FormData();
    form.append("title", "Drill handout");
    form.append("asOf", "2026-11-30");
    form.append("file", new Blob([HANDOUT], { type: "text/plain" }), "Drill handout.txt");
    const uploaded = await client.fetch("/s/restore-drill/materials/new", { method: "POST", body: form, headers: { Origin: server.origin } });
    expect(uploaded.status).toBe(302);
    const material = server.db.select().from(materials).all().find((m) => m.title === "Drill handout")!;
    const stored = server.db.select().from(materialVersions).all().find((v) => v.materialId === material.id)!.storedName;

    // Earlier copies, as if the timer had run for weeks: 8 daily and 5 weekly.
    const backups = path.join(root, "backups");
    for (let d = 1; d <= 8; d++) fs.mkdirSync(path.join(backups, "daily", `colloquy-2020-01-0${d}T031500Z`, "uploads"), { recursive: true });
    for (const day of ["2019-11-24", "2019-12-01", "2019-12-08", "2019-12-15", "2019-12-22"]) {
      fs.mkdirSync(path.join(backups, "weekly", `colloquy-${day}T031500Z`), { recursive: true });
    }

    // A writer keeps committing small transactions on its own connection for the whole backup.
    const insert = server.db.$client.prepare("insert into users (email, name, password_hash, role) values (?, ?, null, 'member')");
    let written = 0;
    const writeOne = () => {
      written++;
      insert.run(`load-${written}@example.com`, `Load Writer ${written}`);
    };
    for (let i = 0; i < 50; i++) writeOne();
    const before = written;
    const load = setInterval(() => {
      for (let i = 0; i < 5; i++) writeOne();
    }, 2);
    let out: { stdout: string; stderr: string };
    try {
      out = await run("bash", ["content/deploy/colloquy-backup.sh"], {
        env: { ...process.env, BACKUP_DIR: backups, DATABASE_PATH: server.dbFile, UPLOADS_DIR: server.uploadsDir },
      });
    } finally {
      clearInterval(load);
    }
    expect(written).toBeGreaterThan(before);
    expect(out.stdout).toContain("integrity_check ok");
    expect(out.stdout).toContain("colloquy-backup: ok");

    // Rotation: the newest 7 daily (tonight's and 6 of the old ones) and 4 weekly (tonight's became one).
    const daily = listCopies(path.join(backups, "daily"));
    const weekly = listCopies(path.join(backups, "weekly"));
    expect(daily).toHaveLength(7);
    expect(daily.slice(0, 2)).toEqual(["colloquy-2020-01-03T031500Z", "colloquy-2020-01-04T031500Z"]);
    const tonight = daily[daily.length - 1]!;
    expect(tonight).toMatch(/^colloquy-\d{4}-\d\d-\d\dT\d{6}Z$/);
    expect(weekly).toEqual(["colloquy-2019-12-08T031500Z", "colloquy-2019-12-15T031500Z", "colloquy-2019-12-22T031500Z", tonight]);
    const copyDir = path.join(backups, "daily", tonight);
    const copy = new Database(path.join(copyDir, "colloquy.db"), { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const loadRows = (copy.prepare("select count(*) n from users where email like 'load-%'").get() as { n: number }).n;
    copy.close();
    expect(loadRows).toBeGreaterThanOrEqual(before);
    expect(fs.readFileSync(path.join(copyDir, "uploads", "materials", stored))).toEqual(HANDOUT);
    // A second run tonight lends the unchanged file from the first by hard link instead of copying it again.
    await run("bash", ["content/deploy/colloquy-backup.sh"], {
      env: { ...process.env, BACKUP_DIR: backups, DATABASE_PATH: server.dbFile, UPLOADS_DIR: server.uploadsDir },
    });
    const again = listCopies(path.join(backups, "daily")).at(-1)!;
    expect(again).not.toBe(tonight);
    const ino = (dir: string) => fs.statSync(path.join(backups, "daily", dir, "uploads", "materials", stored)).ino;
    expect(ino(again)).toBe(ino(tonight));

    // The restore drill: into a fresh folder, then a server on it.
    const fresh = path.join(root, "restored");
    const restored = await run("bash", ["content/deploy/colloquy-restore.sh", copyDir], {
      env: { ...process.env, DATABASE_PATH: path.join(fresh, "colloquy.db"), UPLOADS_DIR: path.join(fresh, "uploads") },
    });
    expect(restored.stdout).toContain("Restored");
    const second = await startTestServer({
      label: "restored",
      env: { DATABASE_PATH: path.join(fresh, "colloquy.db"), UPLOADS_DIR: path.join(fresh, "uploads") },
    });
    try {
      const member = new Client(second.url);
      await member.signIn("rhea@example.com", PASSWORD);
      const home = await member.get("/");
      expect(await home.text()).toContain("Restore Drill Seminar");
      const list = await member.get("/s/restore-drill/materials");
      expect(await list.text()).toContain("Drill handout");
      const file = await member.get(`/s/restore-drill/materials/${material.id}/download`);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer())).toEqual(HANDOUT);
      const check = new Database(path.join(fresh, "colloquy.db"), { readonly: true });
      const kept = (check.prepare("select count(*) n from users where email like 'load-%'").get() as { n: number }).n;
      check.close();
      expect(kept).toBeGreaterThanOrEqual(before);
    } finally {
      await second.stop();
    }
  }, 180_000);
});
