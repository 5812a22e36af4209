// Issue #19: the rollups behind the analytics pages, rebuilt from rows features already write, so a page reads a few
// hundred rows at 100,000 members and two years of activity.
//
// Freshness rule: the `analytics-rollup` task refreshes them every 10 minutes (growth and join sources from the
// accounts in full; activity from the start of the current month, or the last 7 days when the month is younger);
// staff can refresh at once, or rebuild everything, from the Analytics overview. The pages show when they were refreshed.
import { analyticsState } from "../../db/schema";
import { dayIndex, dayOf, mondayIndex, monthIndexOfDay, monthOf, monthStartIndex, todayIndex } from "~/utils/analytics-dates";
import { db, type DB } from "./db.server";

export const JOIN_SOURCES = ["staff", "instructor", "member", "link", "other"] as const;
export type JoinSource = (typeof JOIN_SOURCES)[number];
export const JOIN_SOURCE_LABELS: Record<JoinSource, string> = {
  staff: "Staff invitation",
  instructor: "Instructor invitation",
  member: "Member invitation",
  link: "Invite link",
  other: "No invitation (made by staff tools or imported)",
};

/** How often the task refreshes the rollups (shown on the pages). */
export const ROLLUP_EVERY_MINUTES = 10;

interface Account {
  id: number;
  day: number;
  source: JoinSource;
}

/** Every account that still exists (erased ones are gone from the counts), with its join day and where it came from. */
export function accountsWithSource(d: DB = db()): Account[] {
  const c = d.$client;
  // The source of the first invitation each member accepted (SQLite takes the bare column from the min() row).
  const firstAccepted = c
    .prepare(
      `SELECT accepted_user_id AS id, source, min(accepted_at) AS at FROM invitations
       WHERE accepted_user_id IS NOT NULL AND accepted_at IS NOT NULL GROUP BY accepted_user_id`,
    )
    .raw()
    .all() as [number, string, number][];
  const sourceOf = new Map<number, JoinSource>(firstAccepted.map(([id, s]) => [id, (JOIN_SOURCES as readonly string[]).includes(s) ? (s as JoinSource) : "other"]));
  const rows = c.prepare("SELECT id, created_at FROM users WHERE status != 'deleted'").raw().all() as [number, number][];
  return rows.map(([id, at]) => ({ id, day: Math.floor(at / 86_400_000), source: sourceOf.get(id) ?? "other" }));
}

/** New members per day (by source) and members at each day's end, from the first account to today. */
function rollupGrowth(d: DB, accounts: Account[], today: number) {
  if (!accounts.length) return;
  let first = today;
  for (const a of accounts) if (a.day < first) first = a.day;
  const span = today - first + 1;
  const perDay = new Int32Array(span);
  const bySource = new Map<string, number>();
  for (const a of accounts) {
    const i = Math.min(Math.max(a.day, first), today) - first;
    perDay[i]!++;
    const key = `${i}|${a.source}`;
    bySource.set(key, (bySource.get(key) ?? 0) + 1);
  }
  const c = d.$client;
  const existing = new Map(
    (c.prepare("SELECT day, dau, wau, mau FROM analytics_days").raw().all() as [string, number, number, number][]).map((r) => [r[0], r]),
  );
  const ins = c.prepare("INSERT INTO analytics_days (day, new_members, members, dau, wau, mau) VALUES (?, ?, ?, ?, ?, ?)");
  const insSource = c.prepare("INSERT INTO analytics_day_sources (day, source, n) VALUES (?, ?, ?)");
  c.transaction(() => {
    c.prepare("DELETE FROM analytics_days WHERE day >= ?").run(dayOf(first));
    c.prepare("DELETE FROM analytics_day_sources").run();
    let members = 0;
    for (let i = 0; i < span; i++) {
      members += perDay[i]!;
      const day = dayOf(first + i);
      const act = existing.get(day);
      ins.run(day, perDay[i], members, act?.[1] ?? 0, act?.[2] ?? 0, act?.[3] ?? 0);
    }
    for (const [key, n] of bySource) {
      const [i, source] = key.split("|");
      insSource.run(dayOf(first + Number(i)), source, n);
    }
  }).immediate();
}

/**
 * Daily, weekly and monthly active members, weekly return and cohort retention, recomputed for activity from
 * `fromDay` on. One pass over the (day, member) pairs in day order: each member's previous active day,
 * week and month are enough to count distinct members in sliding windows and cohorts without sorting.
 */
function* rollupActivity(d: DB, accounts: Account[], fromDay: number, today: number): Generator<void, void> {
  const c = d.$client;
  const fromWeek = mondayIndex(fromDay) - 7;
  const fromMonth = monthIndexOfDay(fromDay);
  const lower = Math.min(fromDay - 29, fromWeek, monthStartIndex(fromMonth));
  let maxId = 0;
  for (const a of accounts) if (a.id > maxId) maxId = a.id;
  const cohortOf = new Int32Array(maxId + 1).fill(-1);
  const cohortSize = new Map<number, number>();
  for (const a of accounts) {
    const m = monthIndexOfDay(a.day);
    cohortOf[a.id] = m;
    cohortSize.set(m, (cohortSize.get(m) ?? 0) + 1);
  }
  const span = today - lower + 31;
  const dau = new Int32Array(span);
  const wauDiff = new Int32Array(span + 31);
  const mauDiff = new Int32Array(span + 31);
  const lastDay = new Int32Array(maxId + 1).fill(-1_000_000);
  const lastWeek = new Int32Array(maxId + 1).fill(-1_000_000);
  const lastMonth = new Int32Array(maxId + 1).fill(-1);
  const weekActive = new Map<number, number>();
  const weekReturned = new Map<number, number>();
  const cells = new Map<string, number>();
  // One covering-index range per day (the key starts with day, user_id): plain numbers, already in member order.
  const membersOn = c.prepare("SELECT user_id FROM member_daily_counts WHERE day = ?").pluck();
  for (let t = lower; t <= today; t++) {
    const i = t - lower;
    const w = mondayIndex(t);
    const m = monthIndexOfDay(t);
    let previous = -1;
    for (const u of membersOn.all(dayOf(t)) as number[]) {
      if (u === previous) continue; // the same member's other counters that day
      previous = u;
      if (u > maxId || cohortOf[u] === -1) continue; // an erased account's row, before its erasure commits
      dau[i]!++;
      const p = lastDay[u]! - lower;
      wauDiff[Math.max(i, p + 7)]!++;
      wauDiff[i + 7]!--;
      mauDiff[Math.max(i, p + 30)]!++;
      mauDiff[i + 30]!--;
      lastDay[u] = t;
      if (lastWeek[u] !== w) {
        weekActive.set(w, (weekActive.get(w) ?? 0) + 1);
        if (lastWeek[u] === w - 7) weekReturned.set(w - 7, (weekReturned.get(w - 7) ?? 0) + 1);
        lastWeek[u] = w;
      }
      if (lastMonth[u] !== m) {
        lastMonth[u] = m;
        const cohort = cohortOf[u]!;
        if (m >= cohort) {
          const key = `${cohort}|${m - cohort}`;
          cells.set(key, (cells.get(key) ?? 0) + 1);
        }
      }
    }
    yield; // a day read: the background refresh lets requests in here (see refreshAnalyticsInBackground)
  }
  const upd = c.prepare("UPDATE analytics_days SET dau = ?, wau = ?, mau = ? WHERE day = ?");
  const insDay = c.prepare("INSERT OR IGNORE INTO analytics_days (day, new_members, members, dau, wau, mau) VALUES (?, 0, 0, ?, ?, ?)");
  const insWeek = c.prepare("INSERT INTO analytics_weeks (week, active, returned) VALUES (?, ?, ?)");
  const insCell = c.prepare("INSERT INTO analytics_cohorts (cohort, months_after, size, active) VALUES (?, ?, ?, ?)");
  c.transaction(() => {
    let wau = 0;
    let mau = 0;
    for (let i = 0; lower + i <= today; i++) {
      wau += wauDiff[i]!;
      mau += mauDiff[i]!;
      if (lower + i < fromDay) continue;
      const day = dayOf(lower + i);
      if (!upd.run(dau[i], wau, mau, day).changes) insDay.run(day, dau[i], wau, mau);
    }
    c.prepare("DELETE FROM analytics_weeks WHERE week >= ?").run(dayOf(fromWeek));
    for (let w = fromWeek; w <= today; w += 7) insWeek.run(dayOf(w), weekActive.get(w) ?? 0, weekReturned.get(w) ?? 0);
    // Cells of the months recomputed; every cohort's size again (accounts come and go).
    const todayMonth = monthIndexOfDay(today);
    const delCell = c.prepare("DELETE FROM analytics_cohorts WHERE cohort = ? AND months_after = ?");
    for (const [cohort, size] of cohortSize) {
      for (let m = Math.max(cohort, fromMonth); m <= todayMonth; m++) {
        delCell.run(monthOf(cohort), m - cohort);
        insCell.run(monthOf(cohort), m - cohort, size, cells.get(`${cohort}|${m - cohort}`) ?? 0);
      }
    }
    c.prepare("DELETE FROM analytics_cohorts WHERE cohort NOT IN (SELECT value FROM json_each(?))").run(JSON.stringify([...cohortSize.keys()].map(monthOf)));
    const setSize = c.prepare("UPDATE analytics_cohorts SET size = ? WHERE cohort = ?");
    for (const [cohort, size] of cohortSize) setSize.run(size, monthOf(cohort));
  }).immediate();
}

export interface RollupState {
  refreshedAt: number | null;
  /** The first day whose activity has been rolled up (null before the first full rebuild). */
  activityFrom: string | null;
}

export function rollupState(d: DB = db()): RollupState {
  const rows = d.select().from(analyticsState).all();
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? null;
  const at = get("refreshedAt");
  return { refreshedAt: at ? Number(at) : null, activityFrom: get("activityFrom") };
}

function setState(d: DB, values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    d.insert(analyticsState).values({ key, value }).onConflictDoUpdate({ target: analyticsState.key, set: { value } }).run();
  }
}

/**
 * Refreshes the rollups. `full` (or no rollup yet) recomputes activity from the first recorded day; otherwise from
 * the start of this month or 7 days back, whichever is earlier. Returns how long it took, in ms.
 */
export function refreshAnalytics(options: RefreshOptions = {}): number {
  const steps = refreshSteps(options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same refresh for the periodic task: it reads one day of activity at a time and lets the event loop serve
 * requests in between, so the worker that runs background work never stalls for the whole refresh (seconds at
 * 100,000 members). The writes are short transactions at the end, as in refreshAnalytics.
 */
export async function refreshAnalyticsInBackground(options: RefreshOptions = {}): Promise<number> {
  const steps = refreshSteps(options);
  let step = steps.next();
  while (!step.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return step.value;
}

interface RefreshOptions {
  full?: boolean;
  now?: number;
  d?: DB;
}

function* refreshSteps({ full = false, now = Date.now(), d = db() }: RefreshOptions): Generator<void, number> {
  const started = performance.now();
  const today = todayIndex(now);
  const accounts = accountsWithSource(d);
  rollupGrowth(d, accounts, today);
  yield;
  const state = rollupState(d);
  const firstActivity = d.$client.prepare("SELECT min(day) FROM member_daily_counts").pluck().get() as string | null;
  let fromDay = Math.min(today - 7, monthStartIndex(monthIndexOfDay(today)));
  if (full || !state.activityFrom) {
    if (full) {
      d.$client.prepare("DELETE FROM analytics_weeks").run();
      d.$client.prepare("DELETE FROM analytics_cohorts").run();
    }
    fromDay = Math.min(fromDay, firstActivity ? dayIndex(firstActivity) : today);
  }
  yield* rollupActivity(d, accounts, fromDay, today);
  setState(d, {
    refreshedAt: String(now),
    activityFrom: state.activityFrom && !full ? state.activityFrom : dayOf(fromDay),
  });
  return performance.now() - started;
}
