// Issue #19: the frame of every staff analytics page: the admin menu, the analytics sections, the date range (a GET
// form, so the range lives in the URL and a view can be shared) and the freshness of the rollups.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { AdminNav } from "./admin-nav";
import { Field } from "./form";
import { LocalTime } from "./local-time";

export const ANALYTICS_SECTIONS = [
  { to: "/admin/analytics", label: "Overview", end: true },
  { to: "/admin/analytics/growth", label: "Growth" },
  { to: "/admin/analytics/funnel", label: "Invitation funnel" },
  { to: "/admin/analytics/retention", label: "Coming back" },
  { to: "/admin/analytics/cohorts", label: "Cohorts" },
  { to: "/admin/analytics/seminars", label: "Seminars" },
];

export interface FrameData {
  range: { from: string; to: string };
  rangeError: string | null;
  refreshedAt: string | null;
  everyMinutes: number;
}

export function AnalyticsFrame({
  title,
  data,
  children,
  extraFields,
  rangeLabel = "Days",
}: {
  title: string;
  data: FrameData;
  children: ReactNode;
  extraFields?: ReactNode;
  rangeLabel?: string;
}) {
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <AdminNav />
      <AdminNav sections={ANALYTICS_SECTIONS} label="Analytics" />
      <Form method="get" className="analytics-range" aria-label="Date range">
        <Field label={`${rangeLabel} from`} name="from" type="date" defaultValue={data.range.from} />
        <Field label="to" name="to" type="date" defaultValue={data.range.to} />
        {extraFields}
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      {data.rangeError ? (
        <p className="field__error" role="alert">
          {data.rangeError} Showing {data.range.from} to {data.range.to} instead.
        </p>
      ) : null}
      <Freshness refreshedAt={data.refreshedAt} everyMinutes={data.everyMinutes} />
      {children}
    </>
  );
}

export function Freshness({ refreshedAt, everyMinutes }: { refreshedAt: string | null; everyMinutes: number }) {
  return (
    <p className="muted">
      {refreshedAt ? (
        <>
          Figures as of <LocalTime iso={refreshedAt} />; they are recomputed every {everyMinutes} minutes (today counts so far). Days are UTC days.
        </>
      ) : (
        <>Figures have not been computed yet; they are recomputed every {everyMinutes} minutes.</>
      )}
    </p>
  );
}

/** The CSV download of a table, with the page's own URL parameters. */
export function CsvLink({ table, search, children = "Download as CSV" }: { table: string; search: string; children?: ReactNode }) {
  return (
    <p className="actions">
      <a href={`/admin/analytics/${table}.csv${search}`} download>
        {children}
      </a>
    </p>
  );
}

export const percent = (n: number | null, digits = 2) => (n === null ? "–" : `${n.toFixed(digits)}%`);
