// iCalendar (RFC 5545) output for seminar schedules: stable UIDs, times in UTC, escaped text, folded lines, CRLF.
import { foldLine } from "~/utils/text-formats";

export interface CalendarEvent {
  /** Stable across edits: the same session always has the same UID (RFC 5545 §3.8.4.7). */
  uid: string;
  /** Incremented on each change so clients replace the event (§3.8.7.4). */
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  description?: string;
  location?: string;
  url?: string;
  lastModified?: Date;
  created?: Date;
}

export interface CalendarInput {
  name: string;
  description?: string;
  events: CalendarEvent[];
  /** Suggested refresh for subscribed calendars. */
  refreshHours?: number;
  now?: Date;
}

/** 20270112T140000Z */
export function icalUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma, and newlines as \n. Other control characters are dropped. */
export function escapeText(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

export { foldLine };

function uriValue(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

export function buildCalendar(input: CalendarInput): string {
  const now = input.now ?? new Date();
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Colloquy//Seminar schedule//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `NAME:${escapeText(input.name)}`,
  ];
  if (input.description) {
    lines.push(`X-WR-CALDESC:${escapeText(input.description)}`, `DESCRIPTION:${escapeText(input.description)}`);
  }
  if (input.refreshHours) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${input.refreshHours}H`, `X-PUBLISHED-TTL:PT${input.refreshHours}H`);
  }
  for (const e of input.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${icalUtc(now)}`,
      `DTSTART:${icalUtc(e.startsAt)}`,
      `DTEND:${icalUtc(e.endsAt)}`,
      `SEQUENCE:${e.sequence}`,
      `SUMMARY:${escapeText(e.title)}`,
    );
    if (e.created) lines.push(`CREATED:${icalUtc(e.created)}`);
    if (e.lastModified) lines.push(`LAST-MODIFIED:${icalUtc(e.lastModified)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    const url = e.url ? uriValue(e.url) : null;
    if (url) lines.push(`URL:${url}`);
    lines.push("STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

export function calendarHeaders(fileName: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    ...extra,
  };
}
