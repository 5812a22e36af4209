// Issue #19: every analytics table as rows, for the pages' CSV links (same URL parameters as the page, so a shared
// link and its download agree). CSV is written with the app's one Excel-safe cell writer.
import { csvCell } from "~/utils/text-formats";
import { conversion, FUNNEL_STEPS, FUNNEL_STEP_LABELS, invitationFunnel, type FunnelRow } from "./analytics-funnel.server";
import { growthSeries, joinSources, parseRange, type Range } from "./analytics-growth.server";
import { activeSeries, alumniReturn, cohortMonth, cohortTable, weeklyReturn } from "./analytics-retention.server";
import { SEMINAR_METRICS, SEMINAR_METRIC_LABELS, seminarStats, type SeminarMetric } from "./analytics-seminars.server";

import { COHORT_MONTHS } from "~/utils/analytics";

export { COHORT_MONTHS };
/** Default ranges per page, in days. */
export const DEFAULT_DAYS = { growth: 90, funnel: 90, retention: 90, cohorts: 365, seminars: 365 } as const;

const pct = (n: number | null) => (n === null ? "" : n.toFixed(2));

type Table = { header: string[]; rows: (string | number)[][] };

const funnelTable = (first: string, rows: FunnelRow[]): Table => ({
  header: [first, ...FUNNEL_STEPS.map((s) => FUNNEL_STEP_LABELS[s]), ...FUNNEL_STEPS.slice(1).map((s) => `${FUNNEL_STEP_LABELS[s]} (% of sent)`)],
  rows: rows.map((r) => [r.label, ...FUNNEL_STEPS.map((s) => r[s]), ...FUNNEL_STEPS.slice(1).map((s) => pct(conversion(r, s)))]),
});

export const seminarSort = (url: URL): SeminarMetric => {
  const s = url.searchParams.get("sort");
  return (SEMINAR_METRICS as readonly string[]).includes(s ?? "") ? (s as SeminarMetric) : "members";
};

const TABLES: Record<string, { page: keyof typeof DEFAULT_DAYS; build: (range: Range, url: URL) => Table }> = {
  growth: {
    page: "growth",
    build: (r) => ({
      header: ["Day", "Members", "New members", "Daily growth (%)", "7-day average (%)", "30-day average (%)"],
      rows: growthSeries(r).map((g) => [g.day, g.members, g.newMembers, pct(g.rate), pct(g.avg7), pct(g.avg30)]),
    }),
  },
  sources: {
    page: "growth",
    build: (r) => ({ header: ["Came from", "New members", "Share (%)"], rows: joinSources(r).map((s) => [s.label, s.members, pct(s.share)]) }),
  },
  "funnel-sources": { page: "funnel", build: (r) => funnelTable("Source", [invitationFunnel(r).total, ...invitationFunnel(r).bySource]) },
  "funnel-inviters": { page: "funnel", build: (r) => funnelTable("Inviter", invitationFunnel(r).byInviter) },
  active: {
    page: "retention",
    build: (r) => ({ header: ["Day", "Active that day", "Active in 7 days", "Active in 30 days"], rows: activeSeries(r).map((a) => [a.day, a.dau, a.wau, a.mau]) }),
  },
  "weekly-return": {
    page: "retention",
    build: (r) => ({
      header: ["Week starting", "Active members", "Active again the next week", "Returned (%)", "Complete"],
      rows: weeklyReturn(r).map((w) => [w.week, w.active, w.returned, pct(w.rate), w.complete ? "yes" : "not yet"]),
    }),
  },
  alumni: {
    page: "retention",
    build: () => ({
      header: ["Within", "Alumni", "Joined another seminar", "Share (%)"],
      rows: alumniReturn().map((a) => [`${a.months} months`, a.alumni, a.returned, pct(a.rate)]),
    }),
  },
  cohorts: {
    page: "cohorts",
    build: (r) => {
      const rows = cohortTable({ fromMonth: cohortMonth(r.from), toMonth: cohortMonth(r.to), months: COHORT_MONTHS });
      const ks = Array.from({ length: COHORT_MONTHS + 1 }, (_, k) => k);
      return {
        header: ["Joined in", "Members", ...ks.map((k) => `Month ${k} active`), ...ks.map((k) => `Month ${k} (%)`)],
        rows: rows.map((c) => [c.cohort, c.size, ...c.cells.map((v) => v ?? ""), ...c.cells.map((v) => (v === null ? "" : pct(c.size ? (v / c.size) * 100 : 0)))]),
      };
    },
  },
  seminars: {
    page: "seminars",
    build: (r, url) => ({
      header: ["Seminar", "Starts", ...SEMINAR_METRICS.map((m) => SEMINAR_METRIC_LABELS[m])],
      rows: seminarStats({ ...r, sort: seminarSort(url) }).map((s) => [s.title, new Date(s.startsAt).toISOString().slice(0, 10), ...SEMINAR_METRICS.map((m) => s[m])]),
    }),
  },
};

export const ANALYTICS_TABLES = Object.keys(TABLES);

/** The CSV of one table for a URL's range, or null for an unknown table; a bad range is an error message. */
export function analyticsCsv(table: string, url: URL): { ok: true; csv: string; filename: string } | { ok: false; message: string } | null {
  const t = TABLES[table];
  if (!t) return null;
  const parsed = parseRange(url, { days: DEFAULT_DAYS[t.page] });
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { header, rows } = t.build(parsed.range, url);
  const csv = "\ufeff" + [header, ...rows].map((r) => r.map((v) => csvCell(v)).join(",")).join("\r\n") + "\r\n";
  return { ok: true, csv, filename: `colloquy-${table}-${parsed.range.from}-to-${parsed.range.to}.csv` };
}
