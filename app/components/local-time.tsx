import { useEffect, useState } from "react";
import { formatDate, zoneName } from "~/utils/dates";
import { dateTimeFormat } from "~/utils/intl";

/**
 * The viewer's time zone once the page runs in their browser; null on the server and without JavaScript, where
 * times are shown in the seminar's own zone (named), so the page is never wrong, only less convenient.
 */
export function useViewerTimeZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    try {
      setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || null);
    } catch {
      setZone(null);
    }
  }, []);
  return zone;
}

function fmt(timeZone: string, opts: Intl.DateTimeFormatOptions) {
  return dateTimeFormat("en-US", { timeZone, ...opts });
}

export function formatDay(iso: string, timeZone: string): string {
  return fmt(timeZone, { weekday: "long", month: "long", day: "numeric", year: "numeric" }).format(new Date(iso));
}

export function formatTimeRange(startIso: string, endIso: string, timeZone: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const day = fmt(timeZone, { dateStyle: "medium" });
  const time = fmt(timeZone, { timeStyle: "short" });
  if (day.format(start) === day.format(end)) return `${time.format(start)} – ${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/**
 * A session's time: in the viewer's zone (named) when it differs from the seminar's, with the seminar's own time
 * beside it; otherwise in the seminar's zone, named.
 */
export function SessionTime({
  startIso,
  endIso,
  seminarZone,
  viewerZone,
  withDay = false,
}: {
  startIso: string;
  endIso: string;
  seminarZone: string;
  viewerZone: string | null;
  withDay?: boolean;
}) {
  const seminarName = zoneName(seminarZone, new Date(startIso));
  const own = (zone: string) => `${withDay ? `${formatDay(startIso, zone)}, ` : ""}${formatTimeRange(startIso, endIso, zone)}`;
  const differs = viewerZone && viewerZone !== seminarZone && zoneName(viewerZone, new Date(startIso)) !== seminarName;
  if (!differs) {
    return (
      <span className="session-time">
        <time dateTime={startIso}>{own(seminarZone)}</time> <span className="muted">({seminarName})</span>
      </span>
    );
  }
  return (
    <span className="session-time">
      <time dateTime={startIso}>{own(viewerZone)}</time>{" "}
      <span className="muted">(your time, {zoneName(viewerZone, new Date(startIso))})</span>
      <br />
      <span className="muted session-time__seminar">
        {own(seminarZone)} {seminarName} (the seminar's time)
      </span>
    </span>
  );
}

/** File sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** An "as of" calendar date (YYYY-MM-DD) as people read it, e.g. "Nov 24, 2026". */
export function formatAsOf(asOf: string): string {
  return formatDate(asOf);
}

/**
 * A moment (an ISO timestamp) in the viewer's own time zone, named. The server and a browser without JavaScript
 * show it in UTC, labelled as such; after hydration it switches to the viewer's zone.
 */
export function LocalTime({ iso, withSeconds = false }: { iso: string; withSeconds?: boolean }) {
  const viewerZone = useViewerTimeZone();
  const zone = viewerZone ?? "UTC";
  const d = new Date(iso);
  const text = fmt(zone, { dateStyle: "medium", timeStyle: withSeconds ? "medium" : "short" }).format(d);
  return (
    <time dateTime={iso}>
      {text}{" "}
      <span className="muted">
        {zone === "UTC" ? "UTC" : (fmt(zone, { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? zone)}
      </span>
    </time>
  );
}
