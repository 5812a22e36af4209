// Issue #19: growth for staff. Members over time, new members per day and the daily growth rate with its 7- and
// 30-day averages, read from the daily rollup (analytics-rollup.server.ts), and where new members came from.
import { z } from "zod";
import { dayIndex, dayOf, isDay, todayIndex } from "~/utils/analytics-dates";
import { JOIN_SOURCES, JOIN_SOURCE_LABELS, type JoinSource } from "./analytics-rollup.server";
import { db } from "./db.server";

/** The longest range a page draws (about three years of days). */
export const MAX_RANGE_DAYS = 1_100;

export type Range = { from: string; to: string; days: number };
export type RangeResult = { ok: true; range: Range } | { ok: false; message: string; range: Range };

const RangeSchema = z.object({ from: z.string().trim().optional(), to: z.string().trim().optional() });

/** The date range of a page from its URL (`from`, `to` as YYYY-MM-DD, both included); by default the last `days` days. */
export function parseRange(url: URL, { days = 90, now = Date.now() } = {}): RangeResult {
  const today = todayIndex(now);
  const fallback: Range = { from: dayOf(today - days + 1), to: dayOf(today), days };
  const raw = RangeSchema.parse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  const from = raw.from || undefined;
  const to = raw.to || undefined;
  if (from !== undefined && !isDay(from)) return { ok: false, message: `"${from.slice(0, 40)}" is not a date: use YYYY-MM-DD, for example ${fallback.from}.`, range: fallback };
  if (to !== undefined && !isDay(to)) return { ok: false, message: `"${to.slice(0, 40)}" is not a date: use YYYY-MM-DD, for example ${fallback.to}.`, range: fallback };
  const toI = to ? dayIndex(to) : today;
  const fromI = from ? dayIndex(from) : toI - days + 1;
  if (fromI > toI) return { ok: false, message: `The range starts (${dayOf(fromI)}) after it ends (${dayOf(toI)}).`, range: fallback };
  if (toI - fromI + 1 > MAX_RANGE_DAYS) return { ok: false, message: `Choose at most ${MAX_RANGE_DAYS.toLocaleString("en-US")} days (about three years) at a time.`, range: fallback };
  return { ok: true, range: { from: dayOf(fromI), to: dayOf(toI), days: toI - fromI + 1 } };
}

export interface GrowthDay {
  day: string;
  members: number;
  newMembers: number;
  /** New members ÷ members at the end of the day before, in percent; null when there were none before. */
  rate: number | null;
  avg7: number | null;
  avg30: number | null;
}

const mean = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** One row per day of the range (days without a rollup row count as no change). */
export function growthSeries({ from, to }: { from: string; to: string }): GrowthDay[] {
  const start = dayIndex(from) - 30;
  const rows = db()
    .$client.prepare("SELECT day, new_members, members FROM analytics_days WHERE day >= ? AND day <= ? ORDER BY day")
    .raw()
    .all(dayOf(start), to) as [string, number, number][];
  const byDay = new Map(rows.map((r) => [r[0], r]));
  // Members before the first row of the window: the last rollup row before it.
  const before = db().$client.prepare("SELECT members FROM analytics_days WHERE day < ? ORDER BY day DESC LIMIT 1").pluck().get(dayOf(start)) as number | undefined;
  let members = before ?? 0;
  const all: GrowthDay[] = [];
  for (let i = start; i <= dayIndex(to); i++) {
    const day = dayOf(i);
    const r = byDay.get(day);
    const previous = members;
    const newMembers = r ? r[1] : 0;
    members = r ? r[2] : members;
    all.push({ day, members, newMembers, rate: previous > 0 ? (newMembers / previous) * 100 : null, avg7: null, avg30: null });
  }
  for (let k = 0; k < all.length; k++) {
    all[k]!.avg7 = k >= 6 ? mean(all.slice(k - 6, k + 1).map((g) => g.rate)) : null;
    all[k]!.avg30 = k >= 29 ? mean(all.slice(k - 29, k + 1).map((g) => g.rate)) : null;
  }
  return all.slice(30);
}

export interface SourceRow {
  source: JoinSource;
  label: string;
  members: number;
  share: number;
}

/** New members of the range by where they came from (the invitation they accepted). */
export function joinSources({ from, to }: { from: string; to: string }): SourceRow[] {
  const rows = db()
    .$client.prepare("SELECT source, sum(n) FROM analytics_day_sources WHERE day >= ? AND day <= ? GROUP BY source")
    .raw()
    .all(from, to) as [JoinSource, number][];
  const total = rows.reduce((a, r) => a + r[1], 0);
  return JOIN_SOURCES.map((source) => {
    const n = rows.find((r) => r[0] === source)?.[1] ?? 0;
    return { source, label: JOIN_SOURCE_LABELS[source], members: n, share: total ? (n / total) * 100 : 0 };
  });
}

export interface GrowthSummary {
  members: number;
  newInRange: number;
  avg30: number | null;
}

export function growthSummary(series: GrowthDay[]): GrowthSummary {
  const last = series[series.length - 1];
  return { members: last?.members ?? 0, newInRange: series.reduce((a, g) => a + g.newMembers, 0), avg30: last?.avg30 ?? null };
}
