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
