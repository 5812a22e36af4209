import { dateTimeFormat } from "./intl";

/** Formats an instant range in a time zone, naming the zone, e.g. "12 Jan 2027, 09:00 – 17:00 (New York time)". */
export function formatDateRange(startIso: string, endIso: string, timeZone: string, locale = "en-US"): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const day = dateTimeFormat(locale, { timeZone, dateStyle: "medium" });
  const time = dateTimeFormat(locale, { timeZone, timeStyle: "short" });
  const zone = zoneName(timeZone, start, locale);
  if (day.format(start) === day.format(end)) {
    return `${day.format(start)}, ${time.format(start)} – ${time.format(end)} (${zone})`;
  }
  return `${day.format(start)} – ${day.format(end)} (${zone})`;
}

export function zoneName(timeZone: string, at: Date, locale = "en-US"): string {
  const parts = dateTimeFormat(locale, { timeZone, timeZoneName: "long" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * The one way the portal writes a calendar date: "Dec 2, 2026" (issue #22: the roster said 2026-12-02 where every
 * other page said Dec 2, 2026). Takes a Date, an ISO timestamp or a YYYY-MM-DD day; days of an instant are UTC
 * unless a zone is given.
 */
export function formatDate(value: Date | string, timeZone = "UTC"): string {
  const d = typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return dateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(d);
}
