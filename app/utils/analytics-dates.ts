// Issue #19: calendar arithmetic of the analytics, on UTC days counted from 1970-01-01 (the days member_daily_counts
// and accounts are counted in). Pure functions, shared by the rollups, the pages and the tests.
export const DAY_MS = 86_400_000;

export const dayIndex = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayOf = (index: number): string => new Date(index * DAY_MS).toISOString().slice(0, 10);
export const todayIndex = (now = Date.now()): number => Math.floor(now / DAY_MS);

/** The Monday of the ISO week a day is in (1970-01-05 was a Monday). */
export const mondayIndex = (index: number): number => index - ((((index + 3) % 7) + 7) % 7);

/** Months as year * 12 + month (0-based), so consecutive months differ by 1. */
export const monthIndexOfDay = (index: number): number => {
  const d = new Date(index * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
export const monthOf = (m: number): string => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
export const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthStartIndex = (m: number): number => Math.floor(Date.UTC(Math.floor(m / 12), m % 12, 1) / DAY_MS);

/** "YYYY-MM-DD" that is a real calendar day. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const i = dayIndex(s);
  return Number.isFinite(i) && i > -100_000 && i < 100_000 && dayOf(i) === s;
}
