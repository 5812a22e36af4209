// Issue #19: "members who keep coming back". Daily, weekly and monthly active members and the weekly return, from
// the rollup; retention by monthly cohort (the cohort table); alumni who enrolled in another seminar within 6 and 12
// months of their first. A member is active on a day when member_daily_counts holds any row for them that day (a
// visit or anything they did).
import { dayIndex, dayOf, monthIndex, monthOf, todayIndex } from "~/utils/analytics-dates";
import { db } from "./db.server";

export interface ActiveDay {
  day: string;
  dau: number;
  wau: number;
  mau: number;
}

export function activeSeries({ from, to }: { from: string; to: string }): ActiveDay[] {
  const rows = db()
    .$client.prepare("SELECT day, dau, wau, mau FROM analytics_days WHERE day >= ? AND day <= ? ORDER BY day")
    .raw()
    .all(from, to) as [string, number, number, number][];
  const byDay = new Map(rows.map((r) => [r[0], r]));
  const out: ActiveDay[] = [];
  for (let i = dayIndex(from); i <= dayIndex(to); i++) {
    const r = byDay.get(dayOf(i));
    out.push({ day: dayOf(i), dau: r?.[1] ?? 0, wau: r?.[2] ?? 0, mau: r?.[3] ?? 0 });
  }
  return out;
}

export interface WeekReturn {
  /** The Monday the week starts on. */
  week: string;
  active: number;
  returned: number;
  /** Percent of the week's active members who were active again the next week. */
  rate: number;
  /** False while the next week has not ended: the share can still grow. */
  complete: boolean;
}

export function weeklyReturn({ from, to, now = Date.now() }: { from: string; to: string; now?: number }): WeekReturn[] {
  const rows = db()
    .$client.prepare("SELECT week, active, returned FROM analytics_weeks WHERE week >= ? AND week <= ? ORDER BY week")
    .raw()
    .all(dayOf(dayIndex(from) - 6), to) as [string, number, number][];
  const today = todayIndex(now);
  return rows.map(([week, active, returned]) => ({
    week,
    active,
    returned,
    rate: active ? (returned / active) * 100 : 0,
    complete: dayIndex(week) + 13 < today,
  }));
}

export interface CohortRow {
  cohort: string;
  size: number;
  /** cells[k]: members of the cohort active k months after the month they joined (null: that month is still ahead). */
  cells: (number | null)[];
}

/** The cohort table for the cohorts (join months) of the range, `months` months after joining. */
export function cohortTable({ fromMonth, toMonth, months = 12 }: { fromMonth: string; toMonth: string; months?: number }): CohortRow[] {
  const rows = db()
    .$client.prepare(
      "SELECT cohort, months_after, size, active FROM analytics_cohorts WHERE cohort >= ? AND cohort <= ? AND months_after <= ? ORDER BY cohort, months_after",
    )
    .raw()
    .all(fromMonth, toMonth, months) as [string, number, number, number][];
  const out = new Map<string, CohortRow>();
  for (const [cohort, k, size, active] of rows) {
    let r = out.get(cohort);
    if (!r) {
      r = { cohort, size, cells: Array.from({ length: months + 1 }, () => null) };
      out.set(cohort, r);
    }
    r.cells[k] = active;
  }
  return [...out.values()];
}

export const cohortMonth = (day: string) => monthOf(monthIndex(day));

export interface AlumniReturn {
  months: 6 | 12;
  /** Members whose first seminar ended at least this many months ago. */
  alumni: number;
  /** Of them, members who joined another seminar by then. */
  returned: number;
  rate: number;
}

/**
 * Alumni who came back: a member's first seminar is the earliest-starting one they attended; they count for the
 * 6-month figure once it ended 6 months ago, and returned when they joined another seminar (a membership made) before
 * its end plus 6 months. The same for 12 months.
 */
export function alumniReturn({ now = Date.now() }: { now?: number } = {}): AlumniReturn[] {
  const rows = db()
    .$client.prepare(
      `WITH firsts AS (
         SELECT m.user_id AS user_id, m.seminar_id AS seminar_id, min(s.starts_at) AS starts_at, s.ends_at AS ends_at
         FROM memberships m JOIN seminars s ON s.id = m.seminar_id
         WHERE m.role = 'attendee' GROUP BY m.user_id)
       SELECT f.ends_at,
         (SELECT min(o.created_at) FROM memberships o WHERE o.user_id = f.user_id AND o.seminar_id != f.seminar_id AND o.role = 'attendee')
       FROM firsts f WHERE f.ends_at < ?`,
    )
    .raw()
    .all(now) as [number, number | null][];
  return ([6, 12] as const).map((months) => {
    let alumni = 0;
    let returned = 0;
    for (const [endsAt, next] of rows) {
      const until = addMonths(endsAt, months);
      if (until > now) continue;
      alumni++;
      if (next !== null && next <= until) returned++;
    }
    return { months, alumni, returned, rate: alumni ? (returned / alumni) * 100 : 0 };
  });
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}
