// Issue #19: what every staff analytics loader starts with: the guard (404 for anyone but an admin), the date range
// from the URL (a bad one is explained on the page and the default range shown), and the rollups' freshness.
import { requireAnalyticsAccess } from "~/auth/guards.server";
import { DEFAULT_DAYS } from "~/models/analytics-export.server";
import { parseRange } from "~/models/analytics-growth.server";
import { ROLLUP_EVERY_MINUTES, rollupState } from "~/models/analytics-rollup.server";
import type { FrameData } from "~/components/analytics-frame";

export async function analyticsPage(request: Request, page: keyof typeof DEFAULT_DAYS) {
  const user = await requireAnalyticsAccess(request);
  const url = new URL(request.url);
  const parsed = parseRange(url, { days: DEFAULT_DAYS[page] });
  const state = rollupState();
  const frame: FrameData = {
    range: { from: parsed.range.from, to: parsed.range.to },
    rangeError: parsed.ok ? null : parsed.message,
    refreshedAt: state.refreshedAt ? new Date(state.refreshedAt).toISOString() : null,
    everyMinutes: ROLLUP_EVERY_MINUTES,
  };
  // The CSV links carry the range actually shown.
  const params = new URLSearchParams(url.search);
  params.set("from", parsed.range.from);
  params.set("to", parsed.range.to);
  return { user, url, range: parsed.range, frame, search: `?${params}`, status: parsed.ok ? 200 : 400 };
}
