// Issue #19: the staff analytics overview: the headline figures (members, growth, coming back), links to each
// section, and refreshing the rollups now.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireAnalyticsAccess } from "~/auth/guards.server";
import { AnalyticsFrame, percent } from "~/components/analytics-frame";
import { growthSeries, growthSummary } from "~/models/analytics-growth.server";
import { refreshAnalyticsInBackground } from "~/models/analytics-rollup.server";
import { activeSeries, weeklyReturn } from "~/models/analytics-retention.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { analyticsPage } from "./analytics-helpers.server";

export const meta: MetaFunction = () => [{ title: "Analytics · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await analyticsPage(request, "growth");
  const growth = growthSummary(growthSeries(page.range));
  const active = activeSeries({ from: page.range.to, to: page.range.to })[0]!;
  const lastWeek = weeklyReturn(page.range).filter((w) => w.complete).pop() ?? null;
  return data({ frame: page.frame, growth, active, lastWeek }, { status: page.status });
}

const RefreshSchema = z.object({ intent: z.enum(["refresh", "rebuild"]) });

export async function action({ request }: ActionFunctionArgs) {
  await requireAnalyticsAccess(request);
  const submission = parseWithZod(await request.formData(), { schema: RefreshSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // Read a day at a time, letting this worker answer other pages in between: a full rebuild takes seconds at 100,000
  // members, and only the admin who asked for it waits.
  const ms = await refreshAnalyticsInBackground({ full: submission.value.intent === "rebuild" });
  return redirectWithFlash("/admin/analytics", { kind: "success", message: `Figures recomputed (${Math.max(1, Math.round(ms))} ms).` });
}

export default function AnalyticsOverview() {
  const { frame, growth, active, lastWeek } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <AnalyticsFrame title="Analytics" data={frame}>
      <h2>
        {frame.range.from} to {frame.range.to}
      </h2>
      <ul className="analytics-figures">
        <li>
          <strong>{growth.members.toLocaleString("en-US")}</strong> members at the end
        </li>
        <li>
          <strong>{growth.newInRange.toLocaleString("en-US")}</strong> new members
        </li>
        <li>
          <strong>{percent(growth.avg30)}</strong> daily growth, 30-day average
        </li>
        <li>
          <strong>
            {active.dau.toLocaleString("en-US")} / {active.wau.toLocaleString("en-US")} / {active.mau.toLocaleString("en-US")}
          </strong>
          active on the last day / in 7 days / in 30 days
        </li>
        <li>
          <strong>{lastWeek ? percent(lastWeek.rate, 1) : "–"}</strong>
          {lastWeek ? `of the week of ${lastWeek.week}'s active members came back the next week` : "no complete week yet"}
        </li>
      </ul>
      <ul className="plain-list">
        <li>
          <Link to="/admin/analytics/growth">Growth: members over time, new members and where they came from</Link>
        </li>
        <li>
          <Link to="/admin/analytics/funnel">The invitation funnel, per source and per inviter</Link>
        </li>
        <li>
          <Link to="/admin/analytics/retention">Coming back: active members, weekly return, alumni</Link>
        </li>
        <li>
          <Link to="/admin/analytics/cohorts">Retention by monthly cohort</Link>
        </li>
        <li>
          <Link to="/admin/analytics/seminars">Per seminar, compared</Link>
        </li>
      </ul>
      <Form method="post" className="actions">
        <button type="submit" name="intent" value="refresh" className="button" disabled={busy}>
          Recompute now
        </button>
        <button type="submit" name="intent" value="rebuild" disabled={busy}>
          Rebuild from all activity
        </button>
      </Form>
      <p className="muted">
        "Recompute now" refreshes growth and this month's activity; "Rebuild" recomputes every day since the first recorded activity (a few
        seconds at 100,000 members).
      </p>
    </AnalyticsFrame>
  );
}
