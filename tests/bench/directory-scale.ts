// `npx tsx tests/bench/directory-scale.ts [members]`: builds a directory of 50,000 members (by default) in a temporary
// database and times the member directory's queries (issue #4), CPU per call, averaged over 20 runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const N = Number(process.argv[2] ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-directory-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.UPLOADS_DIR = path.join(dir, "uploads");
const { db, migrateDatabase, closeDatabase } = await import("../../app/models/db.server");
const { searchDirectory } = await import("../../app/models/directory.server");
migrateDatabase(db());
const c = db().$client;
const areas = ["Tax", "Litigation", "Privacy and Data Protection", "Employment", "Bankruptcy", "Real Estate"];
const jur = ["New York", "California", "Texas", "Ontario", "Florida"];
const first = ["Olivia", "Liam", "Amara", "Noah", "Elena", "Rafael", "Priya", "Chen", "Fatima", "Jonas"];
const last = ["Abernathy", "Okafor", "Castellano", "Lindqvist", "Prescott", "Ortiz", "Mbeki", "Haddad", "Nakamura", "Schmidt", "Dubois", "Kowalski"];
const t0 = performance.now();
c.transaction(() => {
  const iu = c.prepare("insert into users(email, name) values (?, ?)");
  const up = c.prepare(
    "update profiles set firm = ?, bio_md = ?, years_in_practice = ?, open_to_referrals = ?, phone = ?, vis_firm = ? where user_id = ?",
  );
  const ia = c.prepare("insert into profile_areas(user_id, kind, value) values (?, 'area', ?)");
  const ib = c.prepare("insert into bar_admissions(user_id, jurisdiction, bar_number) values (?, ?, ?)");
  for (let i = 1; i <= N; i++) {
    const id = Number(iu.run(`u${i}@example.com`, `${first[i % 10]} ${last[(i * 7) % 12]} ${i}`).lastInsertRowid);
    up.run(`Firm ${i % 500} LLP`, `Works on ${areas[i % 6]} matters${i % 3 ? " and chess" : ""}`, i % 40, i % 3 === 0 ? 1 : 0, `+1 555 ${i}`, i % 5 ? "network" : "classmates", id);
    ia.run(id, areas[i % 6]);
    ib.run(id, jur[i % 5], `B${i}`);
  }
  c.prepare("insert into seminars(slug, title, starts_at, ends_at) values ('s', 'S', 0, 1)").run();
  const im = c.prepare("insert into memberships(seminar_id, user_id, role) values (1, ?, ?)");
  for (let i = 1; i <= Math.min(300, N / 100); i++) im.run(i * 100, i === 1 ? "instructor" : "attendee");
})();
c.exec("analyze");
console.log(`${N.toLocaleString("en-US")} members built in ${Math.round(performance.now() - t0)} ms`);

const viewer = { id: 100, role: "member" as const };
const cases: [string, () => { total: number }][] = [
  ["browse, first page", () => searchDirectory(viewer, {}, 1)],
  ["browse, page 1,000", () => searchDirectory(viewer, {}, 1000)],
  ["newest members", () => searchDirectory(viewer, { sort: "recent" }, 3)],
  ["search a surname", () => searchDirectory(viewer, { q: "okafor" })],
  ["search a firm", () => searchDirectory(viewer, { q: "firm 42" })],
  ["search a common word", () => searchDirectory(viewer, { q: "chess" })],
  ["practice area", () => searchDirectory(viewer, { area: "Tax" })],
  ["all four filters", () => searchDirectory(viewer, { area: "Tax", jurisdiction: "Texas", minYears: 6, maxYears: 10, referrals: true })],
  ["words + practice area", () => searchDirectory(viewer, { q: "olivia", area: "Tax" })],
  ["admin, practice area", () => searchDirectory({ id: 1, role: "admin" }, { area: "Litigation" })],
  ["one seminar's members", () => searchDirectory(viewer, { seminarId: 1 })],
];
for (const [label, f] of cases) {
  f();
  const runs = 20;
  const cpu0 = process.cpuUsage();
  let r = { total: 0 };
  for (let i = 0; i < runs; i++) r = f();
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(24)} ${((cpu.user + cpu.system) / 1000 / runs).toFixed(1).padStart(6)} ms   ${r.total} found`);
}
closeDatabase();
fs.rmSync(dir, { recursive: true, force: true });
