// `npx tsx tests/bench/analytics-scale.ts [members] [days]`: 100,000 members (by default) joining over three years with
// two years of sparse daily activity, in a temporary database; times the analytics rollup (full and the task's
// incremental refresh) and the growth and cohort pages' model calls, CPU per call averaged over 20 runs (issue #19).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const N = Number(process.argv[2] ?? 100_000);
const DAYS = Number(process.argv[3] ?? 730);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-analytics-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.UPLOADS_DIR = path.join(dir, "uploads");
const { db, migrateDatabase, closeDatabase } = await import("../../app/models/db.server");
const { refreshAnalytics } = await import("../../app/models/analytics-rollup.server");
const { growthSeries, joinSources } = await import("../../app/models/analytics-growth.server");
const { cohortTable } = await import("../../app/models/analytics-retention.server");
migrateDatabase(db());
const c = db().$client;
// The directory's triggers are not what this measures; members are written without them.
for (const t of c.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'users'").pluck().all() as string[]) c.exec(`drop trigger "${t}"`);
c.pragma("synchronous = OFF");
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY);
const t0 = performance.now();
const joined: number[] = [];
const rate: number[] = [];
c.transaction(() => {
  const iu = c.prepare("insert into users(email, name, created_at) values (?, ?, ?)");
  const ii = c.prepare("insert into invitations(token_hash, email, source, expires_at, created_at, accepted_at, accepted_user_id) values (?, ?, ?, ?, ?, ?, ?)");
  const sources = ["staff", "instructor", "member", "link"];
  for (let i = 1; i <= N; i++) {
    const day = today - 1095 + Math.floor((i / N) * 1095);
    const at = day * DAY + 1000;
    const id = Number(iu.run(`u${i}@example.com`, `Member ${i}`, at).lastInsertRowid);
    if (rand() < 0.92) ii.run(`t${i}`, `u${i}@example.com`, sources[i % 4], at + 14 * DAY, at - DAY, at, id);
    joined.push(day);
    const r = rand();
    rate.push(r < 0.45 ? 0.005 : r < 0.8 ? 0.03 : r < 0.95 ? 0.12 : 0.4);
  }
})();
const ins = c.prepare("insert or ignore into member_daily_counts(day, user_id, counter, seminar_id, n) values (?, ?, 'visit', 0, 1)");
let rows = 0;
for (let d = today - DAYS + 1; d <= today; d++) {
  const day = new Date(d * DAY).toISOString().slice(0, 10);
  c.transaction(() => {
    for (let i = 0; i < N; i++) {
      if (joined[i]! > d) continue;
      if (rand() < rate[i]! * (d - joined[i]! < 30 ? 3 : 1)) {
        ins.run(day, i + 1);
        rows++;
      }
    }
  })();
}
c.exec("ANALYZE");
console.log(`${N.toLocaleString("en-US")} members, ${rows.toLocaleString("en-US")} activity rows over ${DAYS} days, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const full = refreshAnalytics({ full: true });
console.log(`rollup, full rebuild: ${full.toFixed(0)} ms`);
const incremental = refreshAnalytics();
console.log(`rollup, the task's refresh: ${incremental.toFixed(0)} ms`);

function time(label: string, fn: () => unknown) {
  fn();
  const start = performance.now();
  for (let k = 0; k < 20; k++) fn();
  console.log(`${label}: ${((performance.now() - start) / 20).toFixed(2)} ms`);
}
const day = (i: number) => new Date(i * DAY).toISOString().slice(0, 10);
time("growth, last 90 days (series + sources)", () => [growthSeries({ from: day(today - 89), to: day(today) }), joinSources({ from: day(today - 89), to: day(today) })]);
time("growth, two years (series + sources)", () => [growthSeries({ from: day(today - 729), to: day(today) }), joinSources({ from: day(today - 729), to: day(today) })]);
time("cohort table, last 12 months", () => cohortTable({ fromMonth: day(today - 364).slice(0, 7), toMonth: day(today).slice(0, 7) }));
time("cohort table, three years", () => cohortTable({ fromMonth: day(today - 1095).slice(0, 7), toMonth: day(today).slice(0, 7) }));
closeDatabase();
fs.rmSync(dir, { recursive: true, force: true });
